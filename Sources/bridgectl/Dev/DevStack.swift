import BridgeCore

/// A started stack as `dev up` reports it: the addresses (also what `stack.json` holds), the demo
/// node groups and where the logs are.
struct DevStack: Sendable {
    struct NodeGroup: Sendable {
        var nodeType: String
        var count: Int
        var port: Int
        var pid: Int32
    }

    var file: DevStackFile
    var adminPort: Int
    var nodes: [NodeGroup]
    var postgres: ThrowawayPostgres?
    var logDirectory: String

    func summary(seconds: Double, stateDirectory: String, detached: Bool) -> String {
        let database = SecretRedaction.scrub(file.postgresURL)
        var lines = [
            "bridgectl dev up: ready in \(String(format: "%.1f", seconds)) s (environment \(file.environment))",
            "  kafka       \(file.bootstrapServers)   (dev broker; admin port \(adminPort))",
            "  consul      \(file.consulURL)",
            "  postgresql  \(database)\(postgres == nil ? "" : "   (throwaway cluster in \(postgres!.root))")",
            "  registry    \(file.registryURL)/health   /metrics",
        ]
        for group in nodes {
            let first = "\(group.nodeType)-demo-1"
            let where_ =
                group.count == 1
                ? "http://127.0.0.1:\(group.port)/health" : "http://127.0.0.1:\(group.port)/nodes/\(first)/health"
            lines.append(
                "  nodes       \(group.count) \(group.nodeType)\(group.count == 1 ? "" : "s") (\(first)…): \(where_)")
        }
        lines.append("  logs        \(logDirectory)/")
        lines.append("point other commands at it:")
        lines.append(
            "  export KAFKA_BOOTSTRAP_SERVERS=\(file.bootstrapServers) CONSUL_HTTP_ADDR=\(file.consulURL.replacingOccurrences(of: "http://", with: "")) DATABASE_URL='\(database)'"
        )
        if detached {
            lines.append("detached; stop it with: bridgectl dev down --state-dir \(stateDirectory)")
        } else {
            lines.append("the flow (Ctrl-C stops everything):")
        }
        return lines.joined(separator: "\n")
    }
}

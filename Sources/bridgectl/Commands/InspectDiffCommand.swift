import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct InspectDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Per node: newest event, Consul entry and PostgreSQL row side by side; exit 75 if any is partial.",
        discussion: """
            Reads the introspection topic to its end (the newest announcement or shutdown of each node), the \
            Consul agent's services that carry the registry's tag and this environment, and the PostgreSQL rows \
            of this environment, and prints one line per node: complete, or partial with what is still owed \
            to which store. With --registry it also names the known nodes that did not answer that registry's \
            last introspection request. Exit 75 when anything is partial, 69 when a store cannot be reached.

            Examples:
              bridgectl inspect diff
              bridgectl inspect diff --pending --output json
              bridgectl inspect diff --registry http://127.0.0.1:8062
            """)

    @Option(name: .customLong("node-id"), help: "Only this node (default: every node).")
    var nodeID: String?

    @Flag(name: .long, help: "Only nodes whose registration is partial.")
    var pending = false

    @Option(
        name: .long,
        help: "A registry's base URL, to name the nodes that did not answer its last request (default: none).")
    var registry: String?

    @Option(name: .long, help: "The environment compared (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Option(name: .long, help: "Output format: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var consul: ConsulOptions
    @OptionGroup var postgres: PostgresOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not available here; accepted: table, json.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        var partial = false
        try await CommandFailure.reporting {
            let source = ConfigurationSource.process()
            let inspection = try await RegistrationInspection.gather(
                postgres: postgres.settings(source), consul: try consul.settings(source),
                kafka: try kafka.settings(source), topics: try TopicNames.resolve(source: source),
                environment: try EnvironmentName.resolve(environment, source: source), registryURL: registry,
                logger: Logger(label: "bridgectl.inspect"))
            let rows = inspection.rows.filter {
                (nodeID == nil || $0.nodeID == nodeID) && (!pending || $0.verdict == .partial)
            }
            partial = rows.contains { $0.verdict == .partial }
            let out = OutputBuffer()
            if output == .json {
                out.line(JSONWriter.string(Self.json(rows, inspection)))
            } else {
                for line in Self.table(rows, inspection) { out.line(line) }
            }
            out.flush()
        }
        if partial { throw ExitCode(ExitStatus.partial.rawValue) }
    }

    static func json(_ rows: [RegistrationDiff.Row], _ inspection: RegistrationInspection) -> JSONValue {
        [
            "nodes": .array(
                rows.map { row in
                    [
                        "node_id": .string(row.nodeID),
                        "verdict": .string(row.verdict.rawValue),
                        "owed": .array(row.owed.map(JSONValue.string)),
                        "newest_event": row.event.map {
                            [
                                "event_id": .string($0.eventID), "event_type": .string($0.eventType),
                                "timestamp": .string($0.timestamp),
                            ]
                        } ?? .null,
                        "consul": row.consul.map {
                            [
                                "service_id": .string($0.serviceID), "service": .string($0.serviceName),
                                "check": $0.checkStatus.map(JSONValue.string) ?? .null,
                            ]
                        } ?? .null,
                        "postgres": row.postgres.map {
                            [
                                "deregistered": .bool($0.deregistered),
                                "consul_state": $0.consulState.map(JSONValue.string) ?? .null,
                                "health_status": .string($0.healthStatus),
                                "last_event_id": $0.lastEventID.map(JSONValue.string) ?? .null,
                                "last_event_at": $0.lastEventAt.map(JSONValue.string) ?? .null,
                            ]
                        } ?? .null,
                    ]
                }),
            "complete": .int(Int64(rows.filter { $0.verdict == .complete }.count)),
            "partial": .int(Int64(rows.filter { $0.verdict == .partial }.count)),
            "registry": inspection.registryURL.map(JSONValue.string) ?? .null,
            "not_answering": inspection.notAnswering.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]
    }

    /// NODE 22, EVENT 13, CONSUL 9, POSTGRES 17, VERDICT: fits 80 columns; what is owed goes on its own
    /// indented line.
    static func table(_ rows: [RegistrationDiff.Row], _ inspection: RegistrationInspection) -> [String] {
        var lines = [
            TableText.pad("NODE", 22) + " " + TableText.pad("NEWEST EVENT", 13) + " " + TableText.pad("CONSUL", 9)
                + " "
                + TableText.pad("POSTGRES", 17) + " VERDICT"
        ]
        for row in rows {
            let event: String =
                switch row.event?.eventType {
                case "NODE_INTROSPECTION"?: "introspection"
                case "NODE_SHUTDOWN"?: "shutdown"
                default: "-"
                }
            let consul = row.consul.map { $0.checkStatus ?? "no check" } ?? "-"
            let postgres =
                row.postgres.map { $0.deregistered ? "deregistered" : ($0.consulState ?? $0.healthStatus) } ?? "-"
            lines.append(
                TableText.pad(row.nodeID, 22) + " " + TableText.pad(event, 13) + " " + TableText.pad(consul, 9) + " "
                    + TableText.pad(postgres, 17) + " " + row.verdict.rawValue)
            for owed in row.owed { lines.append("  owed: " + owed) }
        }
        let partial = rows.filter { $0.verdict == .partial }.count
        lines.append("\(rows.count) node(s): \(rows.count - partial) complete, \(partial) partial")
        if let missing = inspection.notAnswering {
            lines.append(
                missing.isEmpty
                    ? "every known node answered the registry's last request"
                    : "did not answer the registry's last request: " + missing.joined(separator: ", "))
        } else if let registry = inspection.registryURL {
            lines.append("the registry at \(registry) is still waiting for answers to its last request")
        }
        return lines
    }
}

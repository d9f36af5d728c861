import BridgeCore
import BridgeEvents
import Logging

/// The REPL's `node <id>`: the node's newest event on Kafka, its Consul entry and its PostgreSQL row
/// side by side (the `inspect diff` comparison for one node), then its recent events on the node
/// topics and the details of the Consul entry and the row.
enum ReplNodeView {
    /// How many of the node's events `node <id>` lists.
    static let recentEvents = 10

    static func run(nodeID: String) async -> Int32 {
        let logger = Logger(label: "bridgectl.repl")
        do throws(BridgeError) {
            let source = ConfigurationSource.process()
            let postgres = PostgresSettings.resolve(url: nil, source: source)
            let kafka = try KafkaSettings.resolve(brokers: nil, properties: [], source: source)
            let topics = try TopicNames.resolve(source: source)
            let inspection = try await RegistrationInspection.gather(
                postgres: postgres, consul: try ConsulSettings.resolve(address: nil, token: nil, source: source),
                kafka: kafka, topics: topics,
                environment: try EnvironmentName.resolve(nil, source: source), registryURL: nil, logger: logger)
            let rows = inspection.rows.filter { $0.nodeID == nodeID }
            guard let row = rows.first else {
                throw BridgeError.failure(
                    "No node '\(nodeID)' on Kafka, in Consul or in PostgreSQL for this environment; list them with 'inspect diff'."
                )
            }
            var lines = Array(InspectDiffCommand.table(rows, inspection).dropLast())
            let recent = try await NodeEventHistory(settings: kafka).recent(
                nodeID: nodeID, topics: [topics.introspection, topics.heartbeat], limit: recentEvents)
            lines.append(recent.isEmpty ? "recent events: none on Kafka" : "recent events (oldest first):")
            for entry in recent { lines.append("  " + Self.describe(entry)) }
            if let consul = row.consul {
                lines.append(
                    "consul:        service \(consul.serviceName) id \(consul.serviceID), check \(consul.checkStatus ?? "none")"
                )
            }
            let connection = try await PostgresConnection.connect(postgres, logger: logger, connectTimeoutSeconds: 3)
            if let record = try await NodeRegistrationStore(connection: connection).node(nodeID) {
                lines.append(
                    "postgres:      \(record.nodeType) \(record.nodeVersion), health \(record.healthStatus), "
                        + "consul_state \(record.consulState ?? "-")")
                lines.append(
                    "               last heartbeat \(record.lastHeartbeat ?? "-"), uptime \(record.uptimeSeconds.map(String.init) ?? "-") s, "
                        + "registered \(record.registeredAt ?? "-")")
                if let gone = record.deregisteredAt { lines.append("               deregistered \(gone)") }
            }
            for line in lines { StandardStreams.output(line) }
            return row.verdict == .partial ? ExitStatus.partial.rawValue : 0
        } catch {
            StandardStreams.error("bridgectl: \(error.message)")
            return error.status.rawValue
        }
    }

    /// One event as a line: when, what, where on Kafka, and the fields an operator looks for.
    static func describe(_ entry: NodeEventHistory.Entry) -> String {
        let envelope = entry.envelope
        var details: [String] = []
        switch envelope.payload {
        case .introspection(let introspection):
            details.append(
                "reason \(introspection.broadcastReason?.rawValue ?? "-"), version \(introspection.nodeVersion)")
        case .heartbeat(let heartbeat):
            details.append("\(heartbeat.healthStatus.rawValue), uptime \(heartbeat.uptimeSeconds) s")
            details.append("\(heartbeat.activeOperations) active operation(s)")
        case .shutdown(let shutdown):
            details.append("reason \(shutdown.reason.rawValue)")
        case .request:
            break
        }
        if envelope.environment != "dev" || details.isEmpty { details.append("environment \(envelope.environment)") }
        return "\(envelope.eventTimestamp.formatted)  \(envelope.eventType.rawValue)  "
            + "\(entry.topic)[\(entry.partition)]@\(entry.offset)  \(details.joined(separator: ", "))"
    }
}

import BridgeCore
import BridgeEvents
import Logging

/// The REPL's `node <id>`: the node's newest event on Kafka, its Consul entry and its PostgreSQL row
/// side by side (the `inspect diff` comparison for one node), then the row's details.
enum ReplNodeView {
    static func run(nodeID: String) async -> Int32 {
        let logger = Logger(label: "bridgectl.repl")
        do throws(BridgeError) {
            let source = ConfigurationSource.process()
            let postgres = PostgresSettings.resolve(url: nil, source: source)
            let inspection = try await RegistrationInspection.gather(
                postgres: postgres, consul: try ConsulSettings.resolve(address: nil, token: nil, source: source),
                kafka: try KafkaSettings.resolve(brokers: nil, properties: [], source: source),
                topics: try TopicNames.resolve(source: source),
                environment: try EnvironmentName.resolve(nil, source: source), registryURL: nil, logger: logger)
            let rows = inspection.rows.filter { $0.nodeID == nodeID }
            guard let row = rows.first else {
                throw BridgeError.failure(
                    "No node '\(nodeID)' on Kafka, in Consul or in PostgreSQL for this environment; list them with 'inspect diff'."
                )
            }
            var lines = Array(InspectDiffCommand.table(rows, inspection).dropLast())
            if let event = row.event {
                lines.append("newest event:  \(event.eventType) \(event.eventID) at \(event.timestamp)")
            }
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
}

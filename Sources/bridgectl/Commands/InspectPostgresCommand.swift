import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct InspectPostgresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Rows of node_registrations, filtered.",
        discussion: """
            Examples:
              bridgectl inspect postgres
              bridgectl inspect postgres --type orchestrator --status healthy
              bridgectl inspect postgres --stale --output json
            """)

    @Option(name: .long, help: "Only this node (default: every node).")
    var nodeID: String?

    @Option(
        name: .customLong("type"),
        help: "Only nodes of this type: effect, compute, reducer, orchestrator (default: every type).")
    var nodeType: NodeType?

    @Option(
        name: .long,
        help: "Only nodes with this health status: healthy, degraded, stale, deregistered, … (default: any).")
    var status: String?

    @Flag(name: .long, help: "Only nodes silent for longer than --stale-after.")
    var stale = false

    @Option(name: .long, help: "Seconds without a heartbeat that count as stale, with --stale (default: 90).")
    var staleAfter: Double = 90

    @Option(name: .long, help: "Only nodes of this environment (default: all).")
    var environment: String?

    @Option(name: .long, help: "Output format: table or json (default: table).")
    var output: OutputFormat = .table

    @OptionGroup var postgres: PostgresOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not available here; accepted: table, json.")
        }
        guard staleAfter > 0 else { throw ValidationError("--stale-after must be a number of seconds greater than 0.") }
    }

    func run() async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let connection = try await PostgresConnection.connect(
                postgres.settings(), logger: Logger(label: "bridgectl.postgres"))
            let store = NodeRegistrationStore(connection: connection)
            let filter = NodeRegistrationFilter(
                nodeID: nodeID, nodeType: nodeType?.rawValue, healthStatus: status, environment: environment,
                silentForSeconds: stale ? staleAfter : nil)
            let rows: [NodeRegistrationRecord]
            do {
                rows = try await store.list(filter)
            } catch let error as BridgeError where error.message.contains("42P01") {
                throw BridgeError.failure(
                    "node_registrations does not exist in \(postgres.settings().description); run 'bridgectl db migrate' first."
                )
            }
            if output == .json {
                StandardStreams.output(JSONWriter.string(.array(rows.map(Self.json))))
                return
            }
            StandardStreams.output(
                TableText.pad("NODE", 24) + " " + TableText.pad("TYPE", 12) + " " + TableText.pad("STATUS", 12) + " "
                    + TableText.pad("CONSUL", 16) + " HEARTBEAT")
            for row in rows {
                StandardStreams.output(
                    TableText.pad(row.nodeID, 24) + " " + TableText.pad(row.nodeType, 12) + " "
                        + TableText.pad(row.healthStatus, 12) + " " + TableText.pad(row.consulState ?? "-", 16) + " "
                        + TableText.fit(Self.timeOfDay(row.lastHeartbeat), 12))
            }
            StandardStreams.output("\(rows.count) node(s)")
        }
    }

    /// `HH:MM:SS.mmm` of a contract timestamp (the date is rarely what an operator looks for here).
    static func timeOfDay(_ timestamp: String?) -> String {
        guard let timestamp, let t = timestamp.firstIndex(of: "T") else { return "-" }
        return String(timestamp[timestamp.index(after: t)...].prefix(12))
    }

    static func json(_ row: NodeRegistrationRecord) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func number(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }
        func object(_ text: String) -> JSONValue { (try? JSONParser.parse(text)) ?? .string(text) }
        return .object([
            "node_id": .string(row.nodeID), "node_type": .string(row.nodeType), "node_role": text(row.nodeRole),
            "node_version": .string(row.nodeVersion), "health_status": .string(row.healthStatus),
            "health_endpoint": text(row.healthEndpoint), "last_heartbeat": text(row.lastHeartbeat),
            "uptime_seconds": number(row.uptimeSeconds), "active_operations": number(row.activeOperations),
            "epoch": number(row.epoch), "last_event_at": text(row.lastEventAt), "last_event_id": text(row.lastEventID),
            "consul_service_id": text(row.consulServiceID), "consul_state": text(row.consulState),
            "environment": .string(row.environment), "registered_at": text(row.registeredAt),
            "deregistered_at": text(row.deregisteredAt), "capabilities": object(row.capabilities),
            "endpoints": object(row.endpoints), "metadata": object(row.metadata),
        ])
    }
}

import BridgeCore
import Foundation

/// How `dev up` tells that each part of the stack is ready, and what the flow watcher reads: the
/// stores themselves (Consul's checks, PostgreSQL's rows), as an operator would check them.
struct DevStackProbe: Sendable {
    let consulURL: String
    let postgres: PostgresSettings
    let environment: String
    let http = CurlHTTPClient(configuration: .init(maximumConnections: 2))

    func shutdown() { http.shutdown() }

    /// HTTP status of a GET, nil when nothing answered.
    func status(_ url: String) async -> Int? {
        try? await http.send(HTTPClientRequest(method: "GET", url: url, timeout: .seconds(2))).status
    }

    /// service id → worst check status, from the agent.
    func consulChecks() async -> [String: String]? {
        let client = ConsulClient(settings: ConsulSettings(baseURL: consulURL), http: http)
        guard let checks = try? await client.agentChecks() else { return nil }
        let rank = ["passing": 0, "warning": 1, "critical": 2]
        var worst: [String: String] = [:]
        for check in checks.values where !check.serviceID.isEmpty {
            let status = check.status.description
            if let current = worst[check.serviceID], rank[current, default: 0] >= rank[status, default: 0] { continue }
            worst[check.serviceID] = status
        }
        return worst
    }

    /// Live rows of the environment, and the age of the newest heartbeat (seconds).
    func rows(_ connection: PostgresConnection) async -> (rows: [String: DevFlowState.Row], newestHeartbeat: Double?)? {
        guard
            let result = try? await connection.execute(
                """
                SELECT node_id, node_type, health_status,
                       extract(epoch FROM now() - max(last_heartbeat) OVER ())::float8
                FROM node_registrations WHERE deregistered_at IS NULL AND environment = $1
                """, [environment])
        else { return nil }
        var rows: [String: DevFlowState.Row] = [:]
        var newest: Double?
        for row in result.rows {
            guard row.count == 4, let id = row[0], let type = row[1], let status = row[2] else { continue }
            rows[id] = DevFlowState.Row(nodeType: type, healthStatus: status)
            newest = row[3].flatMap(Double.init)
        }
        return (rows, newest)
    }
}

import Foundation

/// What `inspect postgres` and the registry select by; nil fields do not filter.
public struct NodeRegistrationFilter: Sendable, Hashable {
    public var nodeID: String?
    public var nodeType: String?
    public var healthStatus: String?
    public var environment: String?
    /// Only nodes whose last heartbeat is older than this many seconds (or never heard).
    public var silentForSeconds: Double?
    public var includeDeregistered: Bool
    /// Only these nodes (one parameter, a text array, however many).
    public var nodeIDs: [String]?

    public init(
        nodeID: String? = nil, nodeType: String? = nil, healthStatus: String? = nil, environment: String? = nil,
        silentForSeconds: Double? = nil, includeDeregistered: Bool = true, nodeIDs: [String]? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.healthStatus = healthStatus
        self.environment = environment
        self.silentForSeconds = silentForSeconds
        self.includeDeregistered = includeDeregistered
        self.nodeIDs = nodeIDs
    }

    /// The WHERE clause and its parameters (every value a parameter).
    func whereClause() -> (sql: String, parameters: [String?]) {
        var conditions: [String] = []
        var parameters: [String?] = []
        func add(_ condition: (Int) -> String, _ value: String) {
            parameters.append(value)
            conditions.append(condition(parameters.count))
        }
        if let nodeID { add({ "node_id = $\($0)::text" }, nodeID) }
        if let nodeIDs {
            // A PostgreSQL array literal: every element quoted, quotes and backslashes escaped.
            let elements = nodeIDs.map {
                "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
            add({ "node_id = ANY($\($0)::text[])" }, "{" + elements.joined(separator: ",") + "}")
        }
        if let nodeType { add({ "node_type = $\($0)::text" }, nodeType) }
        if let healthStatus { add({ "health_status = $\($0)::text" }, healthStatus) }
        if let environment { add({ "environment = $\($0)::text" }, environment) }
        if let silentForSeconds {
            add(
                { "(last_heartbeat IS NULL OR last_heartbeat < now() - make_interval(secs => $\($0)::float8))" },
                String(silentForSeconds))
        }
        if !includeDeregistered { conditions.append("deregistered_at IS NULL") }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), parameters)
    }
}

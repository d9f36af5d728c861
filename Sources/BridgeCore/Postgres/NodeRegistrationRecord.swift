import BridgeEvents

/// One row of node_registrations as read back (timestamps as the contract writes them).
public struct NodeRegistrationRecord: Sendable, Hashable, Codable {
    public var nodeID: String
    public var nodeType: String
    public var nodeRole: String?
    public var nodeVersion: String
    public var healthStatus: String
    public var healthEndpoint: String?
    public var lastHeartbeat: String?
    public var uptimeSeconds: Int64?
    public var activeOperations: Int64?
    public var epoch: Int64?
    public var lastEventAt: String?
    public var lastEventID: String?
    public var consulServiceID: String?
    public var consulState: String?
    public var environment: String
    public var registeredAt: String?
    public var deregisteredAt: String?
    public var capabilities: String
    public var endpoints: String
    public var metadata: String
    /// Microseconds since the epoch, for the generation rule (not printed).
    public var lastEventMicroseconds: Int64?
    public var lastHeartbeatMicroseconds: Int64?

    enum CodingKeys: String, CodingKey {
        case nodeID = "node_id", nodeType = "node_type", nodeRole = "node_role", nodeVersion = "node_version"
        case healthStatus = "health_status", healthEndpoint = "health_endpoint", lastHeartbeat = "last_heartbeat"
        case uptimeSeconds = "uptime_seconds", activeOperations = "active_operations", epoch
        case lastEventAt = "last_event_at", lastEventID = "last_event_id", consulServiceID = "consul_service_id"
        case consulState = "consul_state", environment, registeredAt = "registered_at"
        case deregisteredAt = "deregistered_at", capabilities, endpoints, metadata
    }

    init(_ record: PostgresRecord) {
        nodeID = record["node_id"] ?? ""
        nodeType = record["node_type"] ?? ""
        nodeRole = record["node_role"]
        nodeVersion = record["node_version"] ?? ""
        healthStatus = record["health_status"] ?? "unknown"
        healthEndpoint = record["health_endpoint"]
        lastHeartbeat = record["last_heartbeat"]
        uptimeSeconds = record.int("uptime_seconds")
        activeOperations = record.int("active_operations")
        epoch = record.int("epoch")
        lastEventAt = record["last_event_at"]
        lastEventID = record["last_event_id"]
        consulServiceID = record["consul_service_id"]
        consulState = record["consul_state"]
        environment = record["environment"] ?? ""
        registeredAt = record["registered_at"]
        deregisteredAt = record["deregistered_at"]
        capabilities = record["capabilities"] ?? "{}"
        endpoints = record["endpoints"] ?? "{}"
        metadata = record["metadata"] ?? "{}"
        lastEventMicroseconds = record.int("last_event_us")
        lastHeartbeatMicroseconds = record.int("last_heartbeat_us")
    }

    public var isDeregistered: Bool { deregisteredAt != nil }

    /// The stored generation, for the registry's newest-wins decisions after a restart.
    public var generation: NodeGeneration {
        NodeGeneration(
            epoch: epoch, lastLifecycleAt: lastEventMicroseconds.map(EventTimestamp.init(microsecondsSinceEpoch:)),
            lastHeartbeatAt: lastHeartbeatMicroseconds.map(EventTimestamp.init(microsecondsSinceEpoch:)),
            shutDown: isDeregistered)
    }
}

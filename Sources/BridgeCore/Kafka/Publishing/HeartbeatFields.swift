import BridgeEvents

/// The fields of a NODE_HEARTBEAT as an operator gives them; `ContractEventBuilder` validates them.
public struct HeartbeatFields: Sendable {
    public var nodeID: String
    public var nodeType: String
    public var healthStatus: String
    public var uptimeSeconds: Int64
    public var activeOperations: Int64
    public var epoch: Int64?
    public var metadata: [String: JSONValue]

    public init(
        nodeID: String, nodeType: String, healthStatus: String = HealthStatus.healthy.rawValue,
        uptimeSeconds: Int64 = 0, activeOperations: Int64 = 0, epoch: Int64? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.healthStatus = healthStatus
        self.uptimeSeconds = uptimeSeconds
        self.activeOperations = activeOperations
        self.epoch = epoch
        self.metadata = metadata
    }

    public func payload(now: EventTimestamp = .now()) -> [String: JSONValue] {
        var payload: [String: JSONValue] = [
            "node_id": .string(nodeID),
            "node_type": .string(nodeType),
            "health_status": .string(healthStatus),
            "uptime_seconds": .int(uptimeSeconds),
            "last_activity_timestamp": .string(now.formatted),
            "active_operations": .int(activeOperations),
            "resource_usage": [:],
            "metadata": .object(metadata),
            "timestamp": .string(now.formatted),
        ]
        if let epoch { payload["epoch"] = .int(epoch) }
        return payload
    }
}

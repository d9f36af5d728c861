/// The payload of NODE_HEARTBEAT: a node saying it is alive, and how it is doing.
public struct NodeHeartbeat: Sendable, Hashable {
    public var nodeID: String
    public var nodeType: NodeType
    public var healthStatus: HealthStatus
    public var uptimeSeconds: Int64
    public var lastActivityTimestamp: EventTimestamp
    public var activeOperations: Int64
    public var resourceUsage: ResourceUsage
    public var metadata: [String: JSONValue]
    public var timestamp: EventTimestamp
    public var correlationID: EventUUID?
    public var epoch: Int64?

    public init(
        nodeID: String, nodeType: NodeType, healthStatus: HealthStatus = .healthy, uptimeSeconds: Int64,
        lastActivityTimestamp: EventTimestamp, activeOperations: Int64 = 0, resourceUsage: ResourceUsage = .init(),
        metadata: [String: JSONValue] = [:], timestamp: EventTimestamp = .now(), correlationID: EventUUID? = nil,
        epoch: Int64? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.healthStatus = healthStatus
        self.uptimeSeconds = uptimeSeconds
        self.lastActivityTimestamp = lastActivityTimestamp
        self.activeOperations = activeOperations
        self.resourceUsage = resourceUsage
        self.metadata = metadata
        self.timestamp = timestamp
        self.correlationID = correlationID
        self.epoch = epoch
    }

    static let fields = [
        "node_id", "node_type", "health_status", "uptime_seconds", "last_activity_timestamp", "active_operations",
        "resource_usage", "metadata", "timestamp", "correlation_id", "epoch",
    ]

    init(reading reader: FieldReader) throws(ContractViolation) {
        try reader.rejectUnknownKeys(allowed: Self.fields)
        nodeID = try reader.nodeID()
        nodeType = try reader.nodeType()
        healthStatus = try reader.requiredEnumeration(
            "health_status", HealthStatus.self,
            accepted: "expected " + HealthStatus.allCases.map(\.rawValue).joined(separator: ", "))
        let countAccepted = "expected an integer of at least 0"
        guard let uptime = try reader.integer("uptime_seconds", range: 0...Int64.max, accepted: countAccepted) else {
            throw reader.violation("uptime_seconds", "missing", countAccepted)
        }
        uptimeSeconds = uptime
        guard let lastActivity = try reader.timestamp("last_activity_timestamp") else {
            throw reader.violation(
                "last_activity_timestamp", "missing", "expected an RFC 3339 timestamp such as 2026-11-24T23:26:42+00:00"
            )
        }
        lastActivityTimestamp = lastActivity
        activeOperations =
            try reader.integer("active_operations", range: 0...Int64.max, accepted: countAccepted) ?? 0
        resourceUsage =
            try reader.nested("resource_usage").map { (r) throws(ContractViolation) in
                try ResourceUsage(reading: r)
            } ?? ResourceUsage()
        metadata = try reader.openObject("metadata")
        timestamp = try reader.timestamp("timestamp") ?? .now()
        correlationID = try reader.uuid("correlation_id")
        epoch = try reader.epoch()
    }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "node_id": .string(nodeID),
            "node_type": .string(nodeType.rawValue),
            "health_status": .string(healthStatus.rawValue),
            "uptime_seconds": .int(uptimeSeconds),
            "last_activity_timestamp": .string(lastActivityTimestamp.formatted),
            "active_operations": .int(activeOperations),
            "resource_usage": resourceUsage.json(),
            "metadata": .object(metadata),
            "timestamp": .string(timestamp.formatted),
        ]
        if let correlationID { object["correlation_id"] = .string(correlationID.description) }
        if let epoch { object["epoch"] = .int(epoch) }
        return .object(object)
    }
}

/// The payload of NODE_SHUTDOWN (bridgectl's addition): a node leaving on purpose, which the registry
/// treats as "deregister now".
public struct NodeShutdown: Sendable, Hashable {
    public var nodeID: String
    public var nodeType: NodeType
    public var reason: ShutdownReason
    public var timestamp: EventTimestamp
    public var epoch: Int64?

    public init(
        nodeID: String, nodeType: NodeType, reason: ShutdownReason = .shutdown, timestamp: EventTimestamp = .now(),
        epoch: Int64? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.reason = reason
        self.timestamp = timestamp
        self.epoch = epoch
    }

    init(reading reader: FieldReader) throws(ContractViolation) {
        try reader.rejectUnknownKeys(allowed: ["node_id", "node_type", "reason", "timestamp", "epoch"])
        nodeID = try reader.nodeID()
        nodeType = try reader.nodeType()
        reason = try reader.requiredEnumeration(
            "reason", ShutdownReason.self,
            accepted: "expected " + ShutdownReason.allCases.map(\.rawValue).joined(separator: ", "))
        timestamp = try reader.timestamp("timestamp") ?? .now()
        epoch = try reader.epoch()
    }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "node_id": .string(nodeID),
            "node_type": .string(nodeType.rawValue),
            "reason": .string(reason.rawValue),
            "timestamp": .string(timestamp.formatted),
        ]
        if let epoch { object["epoch"] = .int(epoch) }
        return .object(object)
    }
}

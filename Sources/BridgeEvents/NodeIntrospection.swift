/// The payload of NODE_INTROSPECTION: who a node is and how to reach it.
public struct NodeIntrospection: Sendable, Hashable {
    public var nodeID: String
    public var nodeType: NodeType
    public var nodeRole: String?
    public var nodeVersion: String
    public var capabilities: [String: JSONValue]
    public var endpoints: [String: EndpointURL]
    public var metadata: [String: JSONValue]
    public var timestamp: EventTimestamp
    public var correlationID: EventUUID?
    public var networkID: String?
    public var deploymentID: String?
    public var epoch: Int64?

    public init(
        nodeID: String, nodeType: NodeType, nodeRole: String? = nil, nodeVersion: String = "1.0.0",
        capabilities: [String: JSONValue] = [:], endpoints: [String: EndpointURL] = [:],
        metadata: [String: JSONValue] = [:], timestamp: EventTimestamp = .now(), correlationID: EventUUID? = nil,
        networkID: String? = nil, deploymentID: String? = nil, epoch: Int64? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.nodeRole = nodeRole
        self.nodeVersion = nodeVersion
        self.capabilities = capabilities
        self.endpoints = endpoints
        self.metadata = metadata
        self.timestamp = timestamp
        self.correlationID = correlationID
        self.networkID = networkID
        self.deploymentID = deploymentID
        self.epoch = epoch
    }

    static let fields = [
        "node_id", "node_type", "node_role", "node_version", "capabilities", "endpoints", "metadata", "timestamp",
        "correlation_id", "network_id", "deployment_id", "epoch",
    ]

    init(reading reader: FieldReader) throws(ContractViolation) {
        try reader.rejectUnknownKeys(allowed: Self.fields)
        nodeID = try reader.nodeID()
        nodeType = try reader.nodeType()
        nodeRole = try reader.boundedString("node_role", maxLength: 64)
        let versionAccepted = "expected a semantic version such as 1.0.0 of at most 64 characters"
        let version = try reader.string("node_version", accepted: versionAccepted) ?? "1.0.0"
        guard ContractRules.isSemanticVersion(version) else {
            throw reader.violation(
                "node_version", "\(ContractViolation.quote(.string(version))) is not a semantic version",
                versionAccepted)
        }
        nodeVersion = version
        capabilities = try reader.openObject("capabilities")
        var endpoints: [String: EndpointURL] = [:]
        for (name, value) in try reader.openObject("endpoints") {
            let path = FieldReader.join("payload.endpoints", name)
            guard case .string(let text) = value else {
                throw ContractViolation(path: path, problem: "got \(value.typeName)", accepted: EndpointURL.accepted)
            }
            switch EndpointURL.parse(text) {
            case .success(let url): endpoints[name] = url
            case .failure(let problem):
                throw ContractViolation(
                    path: path, problem: "\(ContractViolation.quote(value)) \(problem.reason)",
                    accepted: EndpointURL.accepted)
            }
        }
        self.endpoints = endpoints
        metadata = try reader.openObject("metadata")
        try Self.validateKnownMetadata(metadata)
        timestamp = try reader.timestamp("timestamp") ?? .now()
        correlationID = try reader.uuid("correlation_id")
        networkID = try reader.boundedString("network_id", maxLength: 256)
        deploymentID = try reader.boundedString("deployment_id", maxLength: 256)
        epoch = try reader.epoch()
    }

    /// `metadata` is open, but the keys the contract names must have the meaning it gives them.
    static func validateKnownMetadata(_ metadata: [String: JSONValue]) throws(ContractViolation) {
        let reader = try FieldReader(path: "payload.metadata", value: .object(metadata))
        _ = try reader.enumeration(
            "broadcast_reason", BroadcastReason.self,
            accepted: "expected " + BroadcastReason.allCases.map(\.rawValue).joined(separator: ", "))
        _ = try reader.number("uptime_seconds", minimum: 0, accepted: "expected a number of at least 0")
        _ = try reader.string("environment", accepted: "expected a string")
        if let interval = try reader.number(
            "heartbeat_interval_seconds", minimum: 0, accepted: "expected a number greater than 0"),
            interval <= 0
        {
            throw reader.violation(
                "heartbeat_interval_seconds", "\(interval) is out of range", "expected a number greater than 0")
        }
    }

    /// `metadata.heartbeat_interval_seconds`, which the registry sizes the node's TTL from.
    public var heartbeatIntervalSeconds: Double? {
        metadata["heartbeat_interval_seconds"]?.numberValue
    }

    public var broadcastReason: BroadcastReason? {
        metadata["broadcast_reason"]?.stringValue.flatMap(BroadcastReason.init(rawValue:))
    }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "node_id": .string(nodeID),
            "node_type": .string(nodeType.rawValue),
            "node_version": .string(nodeVersion),
            "capabilities": .object(capabilities),
            "endpoints": .object(endpoints.mapValues { .string($0.text) }),
            "metadata": .object(metadata),
            "timestamp": .string(timestamp.formatted),
        ]
        if let nodeRole { object["node_role"] = .string(nodeRole) }
        if let correlationID { object["correlation_id"] = .string(correlationID.description) }
        if let networkID { object["network_id"] = .string(networkID) }
        if let deploymentID { object["deployment_id"] = .string(deploymentID) }
        if let epoch { object["epoch"] = .int(epoch) }
        return .object(object)
    }
}

import BridgeEvents

/// The registry is a node too (DESIGN.md §4, issue 8): node type `effect`, role `registry`, with its
/// real endpoints. It announces and heartbeats through Kafka like any node, so it lands in both stores
/// by the same path, and it asks nodes to announce (REGISTRY_REQUEST_INTROSPECTION).
struct RegistrySelfAnnouncement: Sendable {
    let registryID: String
    let environment: String
    let baseURL: String
    let heartbeatIntervalSeconds: Double
    static let version = "1.0.0"

    private var envelope: ContractEventBuilder.Envelope {
        .init(environment: environment, sourceVersion: Self.version, sourceService: "bridgectl-registry")
    }

    func introspection(reason: BroadcastReason, uptimeSeconds: Int64) throws(BridgeError) -> EventEnvelope {
        var fields = IntrospectionFields()
        fields.nodeID = registryID
        fields.nodeType = NodeType.effect.rawValue
        fields.nodeRole = "registry"
        fields.nodeVersion = Self.version
        fields.endpoints = ["health": baseURL + "/health", "api": baseURL, "metrics": baseURL + "/metrics"]
        fields.capabilities = [
            "node_type": .string(NodeType.effect.rawValue),
            "supported_operations": ["node_registration", "consul_registration", "postgres_registration"],
            "service_integration": ["kafka": true, "consul": true, "postgres": true],
        ]
        fields.metadata = [
            "heartbeat_interval_seconds": .double(heartbeatIntervalSeconds),
            "uptime_seconds": .int(uptimeSeconds),
            "environment": .string(environment),
        ]
        fields.broadcastReason = reason
        return try ContractEventBuilder.build(type: .nodeIntrospection, payload: fields.payload(), envelope: envelope)
    }

    func heartbeat(status: HealthStatus, uptimeSeconds: Int64) throws(BridgeError) -> EventEnvelope {
        let fields = HeartbeatFields(
            nodeID: registryID, nodeType: NodeType.effect.rawValue, healthStatus: status.rawValue,
            uptimeSeconds: uptimeSeconds,
            metadata: ["version": .string(Self.version), "environment": .string(environment)])
        return try ContractEventBuilder.build(type: .nodeHeartbeat, payload: fields.payload(), envelope: envelope)
    }

    func shutdown() throws(BridgeError) -> EventEnvelope {
        let payload: [String: JSONValue] = [
            "node_id": .string(registryID), "node_type": .string(NodeType.effect.rawValue),
            "reason": .string(ShutdownReason.shutdown.rawValue), "timestamp": .string(EventTimestamp.now().formatted),
        ]
        return try ContractEventBuilder.build(type: .nodeShutdown, payload: payload, envelope: envelope)
    }

    func request(
        reason: RequestReason, targetTypes: [NodeType] = [], responseTimeoutMilliseconds: Int64,
        correlationID: EventUUID
    ) throws(BridgeError) -> EventEnvelope {
        let fields = IntrospectionRequestFields(
            registryID: registryID, reason: reason.rawValue, targetNodeTypes: targetTypes.map(\.rawValue),
            responseTimeoutMilliseconds: responseTimeoutMilliseconds, correlationID: correlationID)
        var envelope = self.envelope
        envelope.correlationID = correlationID
        return try ContractEventBuilder.build(
            type: .registryRequestIntrospection, payload: fields.payload(), envelope: envelope)
    }
}

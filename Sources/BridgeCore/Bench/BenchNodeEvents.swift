import BridgeEvents

/// The events a benchmark's nodes send, as templates: NODE_INTROSPECTION (a `startup` announcement
/// with the standard capabilities of its type and endpoints on a port nothing listens on — the
/// registry's checks are TTL checks, so nothing probes them), NODE_HEARTBEAT and NODE_SHUTDOWN.
public struct BenchNodeEvents: Sendable {
    public static let nodeIDMarker = "benchnodeidmarker"

    public let nodeType: NodeType
    public let topics: TopicNames
    private let introspection: EventTemplate
    private let heartbeat: EventTemplate
    private let shutdown: EventTemplate

    public init(
        environment: String, topics: TopicNames, nodeType: NodeType = .compute, heartbeatIntervalSeconds: Double,
        sourceVersion: String = "1.0.0"
    ) throws(BridgeError) {
        self.nodeType = nodeType
        self.topics = topics
        let envelope = ContractEventBuilder.Envelope(environment: environment, sourceVersion: sourceVersion)
        let marker = Self.nodeIDMarker
        let now = EventTimestamp.now()

        var fields = IntrospectionFields()
        fields.nodeID = marker
        fields.nodeType = nodeType.rawValue
        fields.endpoints = [
            "health": "http://127.0.0.1:9/health", "api": "http://127.0.0.1:9", "metrics": "http://127.0.0.1:9/metrics",
        ]
        fields.capabilities = NodeProfile.standardCapabilities(for: nodeType)
        fields.metadata = ["heartbeat_interval_seconds": .double(heartbeatIntervalSeconds), "bench": true]
        fields.broadcastReason = .startup
        fields.manifest["timestamp"] = .string(now.formatted)
        introspection = Self.template(
            try ContractEventBuilder.build(type: .nodeIntrospection, payload: fields.payload(), envelope: envelope),
            payloadTimestamp: now)

        let beat = HeartbeatFields(nodeID: marker, nodeType: nodeType.rawValue, uptimeSeconds: 1)
        heartbeat = Self.template(
            try ContractEventBuilder.build(type: .nodeHeartbeat, payload: beat.payload(now: now), envelope: envelope),
            payloadTimestamp: now)

        let bye: [String: JSONValue] = [
            "node_id": .string(marker), "node_type": .string(nodeType.rawValue),
            "reason": .string(ShutdownReason.shutdown.rawValue), "timestamp": .string(now.formatted),
        ]
        shutdown = Self.template(
            try ContractEventBuilder.build(type: .nodeShutdown, payload: bye, envelope: envelope), payloadTimestamp: now
        )
    }

    private static func template(_ envelope: EventEnvelope, payloadTimestamp: EventTimestamp) -> EventTemplate {
        EventTemplate(
            sample: EventCodec.encode(envelope),
            markers: [
                (nodeIDMarker, .nodeID), (envelope.eventID.description, .eventID),
                (envelope.eventTimestamp.formatted, .timestamp), (payloadTimestamp.formatted, .timestamp),
            ])
    }

    public func introspection(_ nodeID: String, at time: EventTimestamp = .now()) -> KafkaRecord {
        KafkaRecord(
            topic: topics.introspection, key: nodeID,
            value: introspection.render(nodeID: nodeID, eventID: .random(), timestamp: time))
    }

    public func heartbeat(_ nodeID: String, at time: EventTimestamp = .now()) -> KafkaRecord {
        KafkaRecord(
            topic: topics.heartbeat, key: nodeID,
            value: heartbeat.render(nodeID: nodeID, eventID: .random(), timestamp: time))
    }

    public func shutdown(_ nodeID: String, at time: EventTimestamp = .now()) -> KafkaRecord {
        KafkaRecord(
            topic: topics.introspection, key: nodeID,
            value: shutdown.render(nodeID: nodeID, eventID: .random(), timestamp: time))
    }
}

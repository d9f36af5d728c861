import BridgeEvents

/// The registry's first stage: a raw message from a contract topic becomes a `ConsumedEvent`, or a
/// `DeadLetter` naming the broken rule. Also refuses events that arrive on the wrong topic (a
/// heartbeat on the introspection topic is a producer bug, not something to apply).
public struct RegistryIngest: Sendable {
    public let topics: TopicNames

    public init(topics: TopicNames) {
        self.topics = topics
    }

    public enum Outcome: Sendable, Hashable {
        case event(ConsumedEvent)
        case deadLetter(DeadLetter)
        /// Registry requests (ours or another registry's) seen on a node topic are not for us.
        case ignored
    }

    public func ingest(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?) -> Outcome {
        func dead(_ reason: String) -> Outcome {
            .deadLetter(
                DeadLetter(
                    sourceTopic: topic, partition: partition, offset: offset, key: key, value: value, reason: reason,
                    suffix: topics.dlqSuffix))
        }
        guard let value else {
            return dead("envelope: the message has no value (a tombstone); expected a UTF-8 JSON object")
        }
        let envelope: EventEnvelope
        do {
            envelope = try EventCodec.decode(value)
        } catch {
            return dead(error.description)
        }
        let expected: [EventType]
        switch topic {
        case topics.heartbeat: expected = [.nodeHeartbeat]
        case topics.introspection: expected = [.nodeIntrospection, .nodeShutdown]
        default: expected = EventType.allCases
        }
        if envelope.eventType == .registryRequestIntrospection { return .ignored }
        guard expected.contains(envelope.eventType) else {
            return dead(
                "envelope.event_type: \(envelope.eventType.rawValue) does not belong on \(topic); expected "
                    + expected.map(\.rawValue).joined(separator: " or "))
        }
        return .event(ConsumedEvent(envelope: envelope, topic: topic, partition: partition, offset: offset))
    }
}

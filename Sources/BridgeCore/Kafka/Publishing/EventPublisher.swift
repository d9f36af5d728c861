import BridgeEvents

/// Publishes contract events: to the topic of their type, keyed by node id (registry id for
/// requests) so one node's events stay in order in one partition.
public struct EventPublisher: Sendable {
    public let producer: KafkaProducer
    public let topics: TopicNames

    public init(producer: KafkaProducer, topics: TopicNames) {
        self.producer = producer
        self.topics = topics
    }

    /// Sends `envelope` and returns once the broker acknowledged it (or fails, `.unavailable` when
    /// the broker could not be reached within `timeout`).
    public func publish(
        _ envelope: EventEnvelope, topic: String? = nil, timeout: Duration? = nil
    )
        async throws(BridgeError) -> PublishedEvent
    {
        let record = KafkaRecord(
            topic: topic ?? topics.topic(for: envelope.eventType), key: envelope.payload.key,
            value: EventCodec.encode(envelope))
        let report = try await producer.send(record, timeout: timeout)
        return PublishedEvent(envelope: envelope, report: report)
    }
}

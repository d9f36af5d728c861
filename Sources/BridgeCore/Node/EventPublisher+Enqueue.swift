import BridgeEvents

extension EventPublisher {
    /// The record `publish` sends for `envelope`: to its type's topic, keyed by node id.
    public func record(for envelope: EventEnvelope) -> KafkaRecord {
        KafkaRecord(
            topic: topics.topic(for: envelope.eventType), key: envelope.payload.key,
            value: EventCodec.encode(envelope))
    }

    /// Queues `envelope` without waiting; `completion` runs once with the broker's answer on the
    /// producer's poll thread. For loops that publish many events (a fleet's heartbeats).
    public func enqueue(
        _ envelope: EventEnvelope, completion: @escaping @Sendable (Result<DeliveryReport, BridgeError>) -> Void
    ) throws(BridgeError) {
        try producer.enqueue(record(for: envelope), completion: completion)
    }
}

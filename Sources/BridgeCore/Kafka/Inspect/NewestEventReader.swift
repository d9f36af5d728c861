import BridgeEvents
import Logging

/// Reads a node topic from its first retained message to its current end and keeps, per node, the
/// newest contract event under the generation rule (what the registry should have applied last).
/// Messages that break the contract are skipped: they are the DLQ's business.
public struct NewestEventReader: Sendable {
    public let settings: KafkaSettings

    public init(settings: KafkaSettings) {
        self.settings = settings
    }

    public func newest(
        topic: String, timeout: Duration = .seconds(10)
    ) async throws(BridgeError) -> [String: EventEnvelope] {
        let consumer = try KafkaConsumer(
            settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-inspect"),
            logger: Logger(label: "bridgectl.kafka"))
        defer { Task { await consumer.close() } }
        let metadata = try await consumer.metadata(timeout: timeout)
        guard let partitions = metadata.topics.first(where: { $0.name == topic })?.topicPartitions else {
            throw .failure("Topic \(topic) does not exist at \(settings.brokers); expected the contract's topics.")
        }
        let marks = try await consumer.watermarks(partitions, timeout: timeout)
        var remaining: [TopicPartition: Int64] = [:]
        for mark in marks where mark.high > mark.low { remaining[mark.topicPartition] = mark.high - 1 }
        guard !remaining.isEmpty else { return [:] }
        try consumer.assign(
            remaining.keys.map { TopicPartitionOffset($0, offset: KafkaStartOffset.beginning.librdkafkaValue) })
        var newest: [String: EventEnvelope] = [:]
        let deadline = ContinuousClock.now + timeout
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .unavailable(
                    "Reading \(topic) from Kafka at \(settings.brokers) did not finish within \(timeout).")
            }
            for case .message(let message) in try await consumer.poll(maxEvents: 5_000, timeout: .milliseconds(200)) {
                let partition = TopicPartition(topic: message.topic, partition: message.partition)
                if let last = remaining[partition], message.offset >= last { remaining[partition] = nil }
                guard let value = message.value, let envelope = try? EventCodec.decode(value),
                    let nodeID = envelope.payload.nodeID
                else { continue }
                if let current = newest[nodeID], Self.isOlder(envelope, than: current) { continue }
                newest[nodeID] = envelope
            }
        }
        return newest
    }

    /// Epoch first, then event time (contracts/events.md, "the generation rule").
    static func isOlder(_ event: EventEnvelope, than current: EventEnvelope) -> Bool {
        switch (event.payload.epoch, current.payload.epoch) {
        case (let a?, let b?) where a != b: return a < b
        default: return event.eventTimestamp < current.eventTimestamp
        }
    }
}

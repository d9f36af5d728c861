import Logging
import Synchronization

/// What librdkafka's callbacks reach through the opaque pointer of one client: the logger, the last
/// error the client reported (so a timeout can say why), and, for consumers, the rebalance events
/// waiting to be handed to the application. Owned by the `RDKafkaHandle`, so it outlives every
/// callback of its `rd_kafka_t`.
final class RDKafkaClientContext: Sendable {
    let logger: Logger
    let brokers: String
    /// Called on the polling thread when a group revokes partitions, before their offsets are committed.
    let revokeHook: (@Sendable ([TopicPartition]) -> Void)?
    /// Where a group starts in a partition it has no committed offset for (a logical offset).
    let initialOffset: Int64
    /// Read positions asked for but not reached yet, and partitions stopped by an out-of-range offset.
    let pendingPositions = PendingPartitionPositions()
    private let lastErrorText = Mutex<String?>(nil)
    private let pendingEvents = Mutex<[KafkaConsumerEvent]>([])

    init(
        logger: Logger, brokers: String, revokeHook: (@Sendable ([TopicPartition]) -> Void)? = nil,
        initialOffset: Int64 = KafkaStartOffset.beginning.librdkafkaValue
    ) {
        self.logger = logger
        self.brokers = brokers
        self.revokeHook = revokeHook
        self.initialOffset = initialOffset
    }

    var lastError: String? { lastErrorText.withLock { $0 } }

    func recordError(_ text: String) {
        lastErrorText.withLock { $0 = text }
    }

    func record(_ event: KafkaConsumerEvent) {
        pendingEvents.withLock { $0.append(event) }
    }

    func takePendingEvents() -> [KafkaConsumerEvent] {
        pendingEvents.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }

    /// ", last error: …" for messages that explain a failure, or "" when the client reported none.
    var lastErrorSuffix: String {
        lastError.map { " (last error: \($0))" } ?? ""
    }
}

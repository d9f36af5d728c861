import BridgeCore
import BridgeEvents
import Logging
import Synchronization

/// Records the contract events arriving on a topic from now on, each with the moment this process
/// received it (the receiving side's clock, for spacing and window checks). Reads with our own
/// consumer from the partitions' current ends; `stop()` ends the reading task.
public final class TopicRecorder: Sendable {
    public struct Received: Sendable {
        public let envelope: EventEnvelope
        public let receivedAt: ContinuousClock.Instant
    }

    private let consumer: KafkaConsumer
    private let received = Mutex<[Received]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let stopFlag = KafkaStopFlag()

    private init(consumer: KafkaConsumer) {
        self.consumer = consumer
    }

    /// Starts reading `topic` at its end; returns once the partitions are assigned.
    public static func start(brokers: String, topic: String) async throws -> TopicRecorder {
        // The recorder lives through the outages tests cause: its client's complaints are noise there.
        var logger = Logger(label: "test.recorder")
        logger.logLevel = .critical
        let consumer = try KafkaConsumer(
            settings: KafkaSettings(brokers: brokers),
            options: KafkaConsumerOptions(clientID: "bridgectl-test-recorder", fetchWaitMilliseconds: 1),
            logger: logger)
        let metadata = try await consumer.metadata()
        guard let partitions = metadata.topic(topic)?.topicPartitions, !partitions.isEmpty else {
            throw MissingTopic(topic: topic)
        }
        let ends = try await consumer.watermarks(partitions)
        try consumer.assign(ends.map { TopicPartitionOffset($0.topicPartition, offset: $0.high) })
        let recorder = TopicRecorder(consumer: consumer)
        recorder.task.withLock { $0 = Task { await recorder.read() } }
        return recorder
    }

    public struct MissingTopic: Error, CustomStringConvertible {
        public let topic: String
        public var description: String { "topic \(topic) does not exist" }
    }

    /// Reads on the consumer's own thread and stamps each message there: a stamp taken after a hop to
    /// the cooperative pool would measure how busy the test process is (two threads shared by every
    /// test running in parallel), not when the message arrived.
    private func read() async {
        _ = try? await consumer.consumeLoop(stop: stopFlag, pollTimeout: .milliseconds(20)) { [self] event in
            guard case .message(let message) = event else { return true }
            let now = ContinuousClock.now
            if let value = message.value, let envelope = try? EventCodec.decode(value) {
                received.withLock { $0.append(Received(envelope: envelope, receivedAt: now)) }
            }
            return true
        }
    }

    /// Everything received so far, in arrival order.
    public var events: [Received] { received.withLock { $0 } }

    public func stop() async {
        let running = task.withLock { $0 }
        stopFlag.stop()
        await running?.value
        await consumer.close()
    }
}

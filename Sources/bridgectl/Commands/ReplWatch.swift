import BridgeCore
import Logging

/// The REPL's `watch`: reads the three contract topics and their DLQs from their current ends and
/// prints one line per message with its decode status, until the task is cancelled (Ctrl-C).
enum ReplWatch {
    static func run() async -> Int32 {
        let out = OutputBuffer()
        do throws(BridgeError) {
            let source = ConfigurationSource.process()
            let settings = try KafkaSettings.resolve(brokers: nil, properties: [], source: source)
            let topics = try TopicNames.resolve(source: source)
            let consumer = try KafkaConsumer(
                settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-watch"),
                logger: Logger(label: "bridgectl.repl"))
            let metadata = try await consumer.metadata(timeout: .seconds(5))
            let present = topics.all.filter { name in metadata.topic(name).map { $0.error == nil } ?? false }
            guard !present.isEmpty else {
                await consumer.close()
                throw BridgeError.failure(
                    "None of the contract topics exist on Kafka at \(settings.brokers); start a broker with 'bridgectl dev broker'."
                )
            }
            let partitions = present.flatMap { metadata.topic($0)?.topicPartitions ?? [] }
            // The ends are asked for now rather than left to librdkafka ("end" is resolved lazily, at
            // the first fetch): a message produced once "watching" is printed is always shown.
            let ends = try await consumer.watermarks(partitions, timeout: .seconds(5))
            try consumer.assign(ends.map { TopicPartitionOffset($0.topicPartition, offset: $0.high) })
            out.line(
                "watching \(present.joined(separator: ", ")) at \(settings.brokers) (Ctrl-C to stop)")
            out.flush()
            while !Task.isCancelled {
                let events = try await consumer.poll(maxEvents: 500, timeout: .milliseconds(100))
                for case .message(let message) in events {
                    out.line(WatchLine.render(message, topics: topics))
                }
                out.flush()
            }
            await consumer.close()
            return 0
        } catch {
            out.flush()
            StandardStreams.error("bridgectl: \(error.message)")
            return error.status.rawValue
        }
    }
}

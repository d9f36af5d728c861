import Logging

/// Reads some topics' partitions from a chosen start offset up to the end they had when the scan
/// began, handing every message to the caller: the scaffolding of the readers that look back over a
/// topic (`inspect diff`'s newest events, the REPL's recent events of one node).
struct TopicRangeScan: Sendable {
    let settings: KafkaSettings
    let timeout: Duration

    /// `start(low, high)` gives the first offset to read of a partition holding `low..<high`.
    func scan(
        topics: [String], start: (_ low: Int64, _ high: Int64) -> Int64, missingTopicIsError: Bool,
        _ each: (KafkaMessage) -> Void
    ) async throws(BridgeError) {
        let consumer = try KafkaConsumer(
            settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-inspect"),
            logger: Logger(label: "bridgectl.kafka"))
        defer { Task { await consumer.close() } }
        let metadata = try await consumer.metadata(timeout: timeout)
        var partitions: [TopicPartition] = []
        for topic in topics {
            guard let found = metadata.topics.first(where: { $0.name == topic })?.topicPartitions else {
                if missingTopicIsError {
                    throw .failure(
                        "Topic \(topic) does not exist at \(settings.brokers); expected the contract's topics.")
                }
                continue
            }
            partitions += found
        }
        guard !partitions.isEmpty else { return }
        let marks = try await consumer.watermarks(partitions, timeout: timeout)
        var remaining: [TopicPartition: Int64] = [:]
        var assignment: [TopicPartitionOffset] = []
        for mark in marks {
            let first = max(mark.low, min(mark.high, start(mark.low, mark.high)))
            guard mark.high > first else { continue }
            remaining[mark.topicPartition] = mark.high - 1
            assignment.append(TopicPartitionOffset(mark.topicPartition, offset: first))
        }
        guard !remaining.isEmpty else { return }
        try consumer.assign(assignment)
        let deadline = ContinuousClock.now + timeout
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .unavailable(
                    "Reading \(topics.joined(separator: ", ")) from Kafka at \(settings.brokers) did not finish within \(timeout)."
                )
            }
            for case .message(let message) in try await consumer.poll(maxEvents: 5_000, timeout: .milliseconds(200)) {
                let partition = TopicPartition(topic: message.topic, partition: message.partition)
                if let last = remaining[partition], message.offset >= last { remaining[partition] = nil }
                each(message)
            }
        }
    }
}

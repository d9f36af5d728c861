import Logging

/// Gathers a `KafkaInspection`: Metadata for topics, ListOffsets for watermarks, OffsetFetch for a
/// group's committed offsets (with a client that uses the group's id but never joins it), and
/// DescribeGroups for its members where the cluster has it.
public enum KafkaInspector {
    public static func inspect(
        settings: KafkaSettings, group: String?, topics only: Set<String>?, timeout: Duration, logger: Logger
    ) async throws(BridgeError) -> KafkaInspection {
        let consumer = try KafkaConsumer(
            settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-inspect", groupID: group),
            logger: logger)
        let metadata = try await consumer.metadata(timeout: timeout)
        if let only {
            let known = Set(metadata.topics.map(\.name))
            if let missing = only.subtracting(known).sorted().first {
                throw .failure("Topic \(missing) does not exist on Kafka at \(settings.brokers).")
            }
        }
        let selected = metadata.topics.filter { only?.contains($0.name) ?? true }
        let partitions = selected.flatMap(\.topicPartitions)
        let watermarks = try await consumer.watermarks(partitions, timeout: timeout)
        let topics = KafkaInspection.topics(metadata: metadata, watermarks: watermarks, only: only)
        var groupState: KafkaInspection.GroupState?
        if let group {
            let committed = try await consumer.committedWithMetadata(partitions, timeout: timeout)
            let members = await consumer.describeGroup(group, timeout: min(timeout, .seconds(3)))
            groupState = KafkaInspection.GroupState(
                id: group, partitions: KafkaInspection.groupPartitions(committed: committed, topics: topics),
                members: try? members.get(),
                membersUnavailable: {
                    if case .failure(let error) = members { return error.message }
                    return nil
                }())
        }
        await consumer.close()
        return KafkaInspection(brokers: metadata.brokers, topics: topics, group: groupState)
    }
}

/// What a consumer poll yields, in the order librdkafka delivered it.
public enum KafkaConsumerEvent: Sendable {
    case message(KafkaMessage)
    /// The consumer reached the current end of a partition (`offset` is the end offset); only when
    /// `KafkaConsumerOptions.reportEndOfPartition` is set.
    case endOfPartition(TopicPartitionOffset)
    /// The group gave this consumer these partitions (also reported for `assign` in assign mode).
    case assigned([TopicPartition])
    /// The group took these partitions away; their stored offsets were committed first.
    case revoked([TopicPartition])
    /// The offset to read next no longer exists (retention dropped it, or it is past the end).
    /// Nothing was reset: the partition stays paused until the application seeks.
    case offsetOutOfRange(TopicPartitionOffset, detail: String)
    /// A non-fatal error reported by the client (unknown topic, transport trouble…).
    case error(KafkaClientError)
}

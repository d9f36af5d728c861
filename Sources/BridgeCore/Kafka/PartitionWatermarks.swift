/// The low (first retained) and high (next to be written) offsets of a partition.
public struct PartitionWatermarks: Sendable, Hashable {
    public var topicPartition: TopicPartition
    public var low: Int64
    public var high: Int64

    public init(topicPartition: TopicPartition, low: Int64, high: Int64) {
        self.topicPartition = topicPartition
        self.low = low
        self.high = high
    }

    /// Messages currently retained.
    public var retained: Int64 { max(0, high - low) }
}

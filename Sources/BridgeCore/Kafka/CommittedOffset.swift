/// A consumer group's committed next-offset of one partition and the metadata string its committer
/// sent along (the registry sends its id).
public struct CommittedOffset: Sendable, Hashable {
    public var position: TopicPartitionOffset
    public var metadata: String

    public init(position: TopicPartitionOffset, metadata: String) {
        self.position = position
        self.metadata = metadata
    }
}

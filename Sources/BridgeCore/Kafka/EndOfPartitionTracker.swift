/// Decides when `consume topic -e` is done: every assigned partition has reached its end, and
/// nothing new arrived in it since. Assignment changes (a group rebalance) are taken into account.
public struct EndOfPartitionTracker: Sendable, Hashable {
    private(set) var assigned: Set<TopicPartition> = []
    private(set) var atEnd: Set<TopicPartition> = []

    public init() {}

    public mutating func assign(_ partitions: [TopicPartition]) {
        assigned.formUnion(partitions)
    }

    public mutating func revoke(_ partitions: [TopicPartition]) {
        assigned.subtract(partitions)
        atEnd.subtract(partitions)
    }

    public mutating func reachedEnd(_ partition: TopicPartition) {
        atEnd.insert(partition)
    }

    /// A message arrived, so the partition is no longer known to be at its end.
    public mutating func received(_ partition: TopicPartition) {
        atEnd.remove(partition)
    }

    /// True once there is an assignment and all of it is at its end.
    public var allAtEnd: Bool {
        !assigned.isEmpty && assigned.isSubset(of: atEnd)
    }
}

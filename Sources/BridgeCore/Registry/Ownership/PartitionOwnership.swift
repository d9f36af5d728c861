/// Which nodes this registry judges (stale, evict, Consul drift, unanswered requests) when several
/// registries share the consumer group (DESIGN.md §4, guarantee 9): a node belongs to whoever is
/// assigned the heartbeat-topic partition its events arrive on — the partition it was last heard on,
/// or, for a node not heard since start, the one its key hashes to. A partition that just became ours
/// gives its nodes a fresh start from that moment (their silence was someone else's to watch). Pure.
public struct PartitionOwnership: Sendable {
    /// Partition numbers of the heartbeat topic assigned now, and since when (monotonic seconds).
    public private(set) var assignedSince: [Int32: Double] = [:]
    /// The last non-empty assignment: a registry cut off from Kafka keeps the checks of the nodes it
    /// last owned passing (it cannot know who owns them now, and nobody can judge them meanwhile).
    public private(set) var lastAssigned: Set<Int32> = []
    public var partitionCount: Int32?

    public init(partitionCount: Int32? = nil) {
        self.partitionCount = partitionCount
    }

    public mutating func assign(_ partitions: [Int32], at now: Double) {
        for partition in partitions where assignedSince[partition] == nil { assignedSince[partition] = now }
        lastAssigned = Set(assignedSince.keys)
    }

    public mutating func revoke(_ partitions: [Int32]) {
        for partition in partitions { assignedSince[partition] = nil }
        if !assignedSince.isEmpty { lastAssigned = Set(assignedSince.keys) }
    }

    /// The partition whose owner judges this node: where it was last heard, else where its key hashes.
    public func partition(of nodeID: String, lastHeardPartition: Int32?) -> Int32? {
        if let lastHeardPartition { return lastHeardPartition }
        guard let partitionCount else { return nil }
        return KeyPartitioner.partition(forKey: nodeID, partitionCount: partitionCount)
    }

    /// Since when this registry owns the node, nil when it does not.
    public func ownedSince(_ nodeID: String, lastHeardPartition: Int32?) -> Double? {
        partition(of: nodeID, lastHeardPartition: lastHeardPartition).flatMap { assignedSince[$0] }
    }

    public func owns(_ nodeID: String, lastHeardPartition: Int32?) -> Bool {
        ownedSince(nodeID, lastHeardPartition: lastHeardPartition) != nil
    }

    /// Whether it owned the node in its last non-empty assignment (for keeping checks passing while blind).
    public func ownedLately(_ nodeID: String, lastHeardPartition: Int32?) -> Bool {
        partition(of: nodeID, lastHeardPartition: lastHeardPartition).map(lastAssigned.contains) ?? false
    }
}

/// Where a partition resumes after its offset fell out of the log. The first time it resumes at the
/// log's start, which is all a real broker needs: retention drops whole segments, rarely.
/// A log that is full and still being written (the dev broker keeps 5 MiB per partition and drops
/// its oldest set on every append) moves its start on between our seek and the next fetch, which
/// librdkafka delays by its fetch error backoff (500 ms). Each failure in a row therefore skips
/// further into what is left (1/8, 1/4, 1/2 of it, then to the end), until one fetch lands. Reading
/// a message of the partition clears its count.
public struct RetentionRecovery: Sendable {
    /// The share of the retained log skipped after 1, 2, 3, 4… failures in a row.
    public static let skippedShares: [Double] = [0, 0.125, 0.25, 0.5, 1]

    private var failures: [TopicPartition: Int] = [:]

    public init() {}

    /// Whether some partition is still recovering (so that callers look at messages only then).
    public var isRecovering: Bool { !failures.isEmpty }

    /// The offset to seek `partition` to, now that it reported out of range and the log holds
    /// `low..<high`.
    public mutating func restartOffset(for partition: TopicPartition, low: Int64, high: Int64) -> Int64 {
        let attempt = failures[partition, default: 0]
        failures[partition] = attempt + 1
        let share = Self.skippedShares[min(attempt, Self.skippedShares.count - 1)]
        let retained = max(0, high - low)
        return low + Int64((Double(retained) * share).rounded(.down))
    }

    /// A message of `partition` was read (it has recovered), or the partition went to another reader.
    public mutating func read(_ partition: TopicPartition) {
        failures[partition] = nil
    }
}

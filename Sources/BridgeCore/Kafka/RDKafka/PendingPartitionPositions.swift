import Synchronization

/// What one consumer knows about partitions whose read position librdkafka cannot tell yet: the
/// offset the application last asked for (by a seek, or a restart), until the partition's first
/// message gives it a position; and the offset an out-of-range error stopped a partition at, until
/// the application moves it.
///
/// An eager group restarts one partition only by assigning all of them again. Without this, each
/// partition not yet read since its own seek went back to its committed offset, which had fallen out
/// of the log, so every restart stopped the others again (a CI run saw 14 out-of-range reports for
/// 3 partitions, and the registry's `RetentionRecovery` counted them as failures and skipped ahead).
final class PendingPartitionPositions: Sendable {
    private struct State {
        var requested: [TopicPartition: Int64] = [:]
        var stopped: [TopicPartition: Int64] = [:]
    }

    private let state = Mutex(State())

    /// The application moved these partitions.
    func requested(_ positions: [TopicPartitionOffset]) {
        state.withLock { state in
            for position in positions {
                state.requested[position.topicPartition] = position.offset
                state.stopped[position.topicPartition] = nil
            }
        }
    }

    /// Records that `position` is out of range. False when this partition was already reported
    /// stopped there and the application has not moved it since: a restart of other partitions
    /// fetched it again, which is not news.
    func stop(at position: TopicPartitionOffset) -> Bool {
        state.withLock { state in
            guard state.stopped[position.topicPartition] != position.offset else { return false }
            state.stopped[position.topicPartition] = position.offset
            return true
        }
    }

    /// Where to start `partition` again when all of the assignment is assigned anew and its position
    /// is unknown; nil when nothing is known here (then the group's committed offset applies).
    func restartOffset(for partition: TopicPartition) -> Int64? {
        state.withLock { $0.stopped[partition] ?? $0.requested[partition] }
    }

    /// The group assigned or revoked these partitions (nil: all of them): what was known is void.
    func forget(_ partitions: [TopicPartition]?) {
        state.withLock { state in
            guard let partitions else {
                state = State()
                return
            }
            for partition in partitions {
                state.requested[partition] = nil
                state.stopped[partition] = nil
            }
        }
    }
}

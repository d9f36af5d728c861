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
        /// Where a partition was stopped before the application moved it elsewhere: an error for that
        /// offset now comes from a fetch queued before the move.
        var movedAwayFrom: [TopicPartition: Int64] = [:]
    }

    private let state = Mutex(State())

    /// The application moved these partitions.
    func requested(_ positions: [TopicPartitionOffset]) {
        state.withLock { state in
            for position in positions {
                let partition = position.topicPartition
                state.requested[partition] = position.offset
                if let stopped = state.stopped.removeValue(forKey: partition) {
                    state.movedAwayFrom[partition] = stopped
                }
                // Moved back to where it once failed: a failure there is news again.
                if state.movedAwayFrom[partition] == position.offset { state.movedAwayFrom[partition] = nil }
            }
        }
    }

    /// Records that `position` is out of range. False when it is not news: the partition was
    /// already reported stopped there and a restart of other partitions fetched it again, or the
    /// application has moved it away from there since and the error comes from a fetch queued
    /// before (a CI run saw two partitions reported twice so; the registry would have counted each
    /// as a failed recovery and skipped further into the log).
    func stop(at position: TopicPartitionOffset) -> Bool {
        state.withLock { state in
            let partition = position.topicPartition
            guard state.stopped[partition] != position.offset, state.movedAwayFrom[partition] != position.offset
            else { return false }
            state.stopped[partition] = position.offset
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
                state.movedAwayFrom[partition] = nil
            }
        }
    }
}

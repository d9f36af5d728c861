import Testing

@testable import BridgeCore

@Suite("Which out-of-range errors are news, and where restarted partitions go")
struct PendingPartitionPositionsTests {
    let zero = TopicPartition(topic: "node-heartbeat.v1", partition: 0)
    let one = TopicPartition(topic: "node-heartbeat.v1", partition: 1)
    let beginning = KafkaStartOffset.beginning.librdkafkaValue

    @Test func aStoppedPartitionIsReportedOnceAndRestartedWhereItStopped() {
        let pending = PendingPartitionPositions()
        #expect(pending.restartOffset(for: zero) == nil, "nothing known: the committed offset applies")
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 1)))
        // A restart of another partition fetched it again: the same error is not news.
        #expect(pending.restartOffset(for: zero) == 1)
        #expect(!pending.stop(at: TopicPartitionOffset(zero, offset: 1)))
        // Partitions are apart.
        #expect(pending.stop(at: TopicPartitionOffset(one, offset: 1)))
    }

    @Test func anErrorFromBeforeTheApplicationMovedThePartitionIsNotNews() {
        let pending = PendingPartitionPositions()
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 1)))
        pending.requested([TopicPartitionOffset(zero, offset: beginning)])
        #expect(pending.restartOffset(for: zero) == beginning, "a restart goes where the seek asked")
        // Queued by a fetch at 1 before the seek (a CI run reported it a second time).
        #expect(!pending.stop(at: TopicPartitionOffset(zero, offset: 1)))
        // Where it was moved to can fail, and that is news, once.
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 40)))
        #expect(!pending.stop(at: TopicPartitionOffset(zero, offset: 40)))
    }

    @Test func movedBackToWhereItFailedAFailureThereIsNewsAgain() {
        let pending = PendingPartitionPositions()
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 7)))
        pending.requested([TopicPartitionOffset(zero, offset: 20)])
        pending.requested([TopicPartitionOffset(zero, offset: 7)])
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 7)))
    }

    @Test func aRebalanceForgetsWhatWasKnown() {
        let pending = PendingPartitionPositions()
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 1)))
        #expect(pending.stop(at: TopicPartitionOffset(one, offset: 1)))
        pending.forget([zero])
        #expect(pending.restartOffset(for: zero) == nil)
        #expect(pending.restartOffset(for: one) == 1)
        #expect(pending.stop(at: TopicPartitionOffset(zero, offset: 1)), "a new owner's first report")
        pending.forget(nil)
        #expect(pending.restartOffset(for: one) == nil)
        #expect(pending.stop(at: TopicPartitionOffset(one, offset: 1)))
    }
}

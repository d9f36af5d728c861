import BridgeCore
import Testing

@Suite("Where a partition resumes after a retention loss")
struct RetentionRecoveryTests {
    let partition = TopicPartition(topic: "node-heartbeat.v1", partition: 3)
    let other = TopicPartition(topic: "node-heartbeat.v1", partition: 4)

    @Test func eachFailureInARowSkipsFurtherIntoWhatIsLeft() {
        var recovery = RetentionRecovery()
        #expect(!recovery.isRecovering)
        // The log's start first (all a real broker needs), then 1/8, 1/4, 1/2 of the retained log, then its end.
        let offsets = (0..<6).map { _ in recovery.restartOffset(for: partition, low: 1_000, high: 1_800) }
        #expect(offsets == [1_000, 1_100, 1_200, 1_400, 1_800, 1_800])
        #expect(recovery.isRecovering)
    }

    @Test func aMessageReadOrARevokeStartsThePartitionOver() {
        var recovery = RetentionRecovery()
        _ = recovery.restartOffset(for: partition, low: 0, high: 80)
        _ = recovery.restartOffset(for: partition, low: 0, high: 80)
        // Partitions are counted apart.
        #expect(recovery.restartOffset(for: other, low: 0, high: 80) == 0)
        recovery.read(partition)
        #expect(recovery.restartOffset(for: partition, low: 10, high: 90) == 10)
        recovery.read(partition)
        recovery.read(other)
        #expect(!recovery.isRecovering)
    }

    @Test func anEmptyLogResumesAtItsEnd() {
        var recovery = RetentionRecovery()
        #expect(recovery.restartOffset(for: partition, low: 500, high: 500) == 500)
        #expect(recovery.restartOffset(for: partition, low: 500, high: 500) == 500)
    }
}

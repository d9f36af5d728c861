import BridgeCore
import BridgeTestSupport
import Logging
import Testing

@Suite("Partition ownership of nodes among registries")
struct PartitionOwnershipTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        // The CRC-32 check value of "123456789" (IEEE 802.3, as zlib computes it).
        #expect(KeyPartitioner.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(KeyPartitioner.crc32([]) == 0)
    }

    @Test func aNodeBelongsWhereItWasLastHeardElseWhereItsKeyHashes() {
        var ownership = PartitionOwnership(partitionCount: 12)
        ownership.assign([0, 1, 2], at: 10)
        #expect(ownership.ownedSince("n", lastHeardPartition: 1) == 10)
        #expect(ownership.owns("n", lastHeardPartition: 7) == false)
        let hashed = KeyPartitioner.partition(forKey: "never-heard", partitionCount: 12)
        #expect(ownership.owns("never-heard", lastHeardPartition: nil) == [0, 1, 2].contains(hashed))

        ownership.assign([7], at: 20)
        #expect(ownership.ownedSince("n", lastHeardPartition: 7) == 20, "silence counts from the takeover")
        #expect(ownership.ownedSince("n", lastHeardPartition: 1) == 10, "a kept partition keeps its start")

        ownership.revoke([0, 1, 2, 7])
        #expect(ownership.owns("n", lastHeardPartition: 1) == false)
        #expect(ownership.ownedLately("n", lastHeardPartition: 1), "cut off: it remembers what it last owned")
        #expect(ownership.ownedLately("n", lastHeardPartition: 5) == false)
    }

    @Test func withoutAPartitionCountUnheardNodesBelongToNobody() {
        var ownership = PartitionOwnership()
        ownership.assign(Array(0..<12), at: 0)
        #expect(ownership.owns("x", lastHeardPartition: nil) == false)
        #expect(ownership.owns("x", lastHeardPartition: 3))
    }

    /// The prediction is only worth something if it is where librdkafka really puts a node's events.
    @Test func predictedPartitionsAreWhereLibrdkafkaPutsKeyedMessages() async throws {
        try await DevBrokerProcess.with(partitions: 12) { broker in
            var logger = Logger(label: "test.kafka")
            logger.logLevel = .error
            let producer = try KafkaProducer(settings: KafkaSettings(brokers: broker.bootstrap), logger: logger)
            for index in 0..<60 {
                let key = "orchestrator-\(index)"
                let report = try await producer.send(
                    KafkaRecord(topic: TopicNames.defaultHeartbeat, key: key, value: Array("{}".utf8)),
                    timeout: .seconds(10))
                #expect(
                    report.partition == KeyPartitioner.partition(forKey: key, partitionCount: 12), "key \(key)")
            }
        }
    }
}

import BridgeCore
import BridgeEvents
import Testing

@Suite("inspect kafka: lag arithmetic, tables, assignments")
struct KafkaInspectionTests {
    static let metadata = KafkaClusterMetadata(
        brokers: [.init(id: 1, host: "127.0.0.1", port: 40000)],
        topics: [
            .init(
                name: "node-introspection.v1",
                partitions: [.init(id: 0, leader: 1, replicas: [1]), .init(id: 1, leader: 1, replicas: [1])]),
            .init(name: "other", partitions: [.init(id: 0, leader: 1, replicas: [1])]),
        ])

    static let marks = [
        PartitionWatermarks(topicPartition: .init(topic: "node-introspection.v1", partition: 0), low: 0, high: 10),
        PartitionWatermarks(topicPartition: .init(topic: "node-introspection.v1", partition: 1), low: 4, high: 7),
        PartitionWatermarks(topicPartition: .init(topic: "other", partition: 0), low: 0, high: 3),
    ]

    @Test func lagIsEndMinusCommittedAndUncommittedPartitionsAreLeftOut() {
        let topics = KafkaInspection.topics(metadata: Self.metadata, watermarks: Self.marks, only: nil)
        #expect(topics.map(\.retained) == [13, 3])
        #expect(topics.map(\.endOffsetSum) == [17, 3])
        let group = KafkaInspection.groupPartitions(
            committed: [
                .init(position: .init(topic: "node-introspection.v1", partition: 0, offset: 6), metadata: "registry-a"),
                .init(
                    position: .init(topic: "node-introspection.v1", partition: 1, offset: KafkaStartOffset.invalid),
                    metadata: ""),
                .init(position: .init(topic: "other", partition: 0, offset: 3), metadata: ""),
            ], topics: topics)
        #expect(group.map(\.lag) == [4, 0])
        #expect(group.map(\.committedBy) == ["registry-a", ""])
        let state = KafkaInspection.GroupState(
            id: "g", partitions: group, members: nil, membersUnavailable: "no DescribeGroups")
        #expect(state.totalLag == 4)
        #expect(
            KafkaInspection.topics(metadata: Self.metadata, watermarks: Self.marks, only: ["other"]).map(\.name) == [
                "other"
            ])
    }

    @Test func tablesFitEightyColumnsAndSayWhatIsUnavailable() {
        let longTopic = String(repeating: "t", count: 120)
        var metadata = Self.metadata
        metadata.topics.append(.init(name: longTopic, partitions: [.init(id: 0, leader: 1, replicas: [1])]))
        let topics = KafkaInspection.topics(metadata: metadata, watermarks: Self.marks, only: nil)
        let inspection = KafkaInspection(
            brokers: metadata.brokers, topics: topics,
            group: .init(
                id: "bridge-registry-group",
                partitions: KafkaInspection.groupPartitions(
                    committed: [
                        .init(
                            position: .init(topic: longTopic, partition: 0, offset: 0),
                            metadata: String(repeating: "r", count: 60))
                    ], topics: topics),
                members: nil,
                membersUnavailable:
                    "the brokers did not describe group g (Local: Required feature not supported by broker); librdkafka's mock broker has no DescribeGroups"
            ))
        for detailed in [false, true] {
            let lines = inspection.tableLines(partitions: detailed)
            for line in lines { #expect(line.count <= 80, "\(line.count): \(line)") }
            #expect(lines.contains { $0.hasPrefix("GROUP bridge-registry-group") })
            #expect(lines.joined(separator: " ").contains("DescribeGroups"))
        }
        let json = inspection.json()
        let group = json.objectValue?["group"]?.objectValue
        #expect(group?["members"] == JSONValue.null)
        let unavailable = group?["members_unavailable"]?.stringValue ?? ""
        #expect(unavailable.contains("DescribeGroups"))
    }

    @Test func consumerProtocolAssignmentsDecode() {
        // version 0; 2 topics: "ab" [0, 2], "c" [1]; empty user data.
        let bytes: [UInt8] = [
            0, 0, 0, 0, 0, 2, 0, 2, 97, 98, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 99, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
            0, 0,
        ]
        #expect(
            ConsumerProtocolAssignment.decode(bytes) == [
                .init(topic: "ab", partition: 0), .init(topic: "ab", partition: 2), .init(topic: "c", partition: 1),
            ])
        #expect(ConsumerProtocolAssignment.decode([]) == [])
        #expect(ConsumerProtocolAssignment.decode([0, 0, 0, 0, 0, 1, 0, 9, 97]) == nil, "truncated")
    }
}

import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl inspect kafka", .serialized)
struct InspectKafkaCommandTests {
    @Test func topicsPartitionsAndEndOffsets() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 5) { broker in
            let lines = (0..<37).map { "k\($0):v\($0)" }
            let topic = TopicNames.defaultIntrospection
            #expect(
                try await Kcat.produce(brokers: broker.bootstrap, topic: topic, lines: lines, keyDelimiter: ":").status
                    == 0)

            let json = try await BridgectlBinary.run([
                "inspect", "kafka", "--output", "json", "--brokers", broker.bootstrap,
            ])
            #expect(json.status == 0, "\(json.stderr)")
            let report = try #require(try JSONParser.parse(json.stdout).objectValue)
            guard case .array(let topics)? = report["topics"] else {
                Issue.record("no topics")
                return
            }
            let byName = Dictionary(
                uniqueKeysWithValues: topics.compactMap { $0.objectValue }.map { ($0["name"]?.stringValue ?? "", $0) })
            #expect(Set(byName.keys).isSuperset(of: TopicNames().all))
            let introspection = try #require(byName[topic])
            #expect(introspection["retained"] == 37)
            guard case .array(let partitions)? = introspection["partitions"] else { return }
            #expect(partitions.count == 5)
            #expect(partitions.compactMap { $0.objectValue?["high"]?.integerValue }.reduce(0, +) == 37)

            for arguments in [[String](), ["--partitions"], ["--group", "nobody"]] {
                let table = try await BridgectlBinary.run(
                    ["inspect", "kafka", "--brokers", broker.bootstrap] + arguments)
                #expect(table.status == 0, "\(table.stderr)")
                let rows = KafkaCommandSupport.lines(table.stdout)
                #expect(rows.allSatisfy { $0.count <= 80 }, "\(rows.filter { $0.count > 80 })")
                #expect(rows.contains { $0.hasPrefix(topic) })
                if arguments.first == "--group" {
                    #expect(rows.contains("no committed offsets"))
                    #expect(table.stdout.contains("DescribeGroups"), "the missing members are explained")
                }
            }
        }
    }

    @Test func anUnreachableClusterExits69() async throws {
        let result = try await BridgectlBinary.run(
            ["inspect", "kafka", "--brokers", "127.0.0.1:\(FreePort.allocate())", "--timeout", "2"], timeout: 30)
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(KafkaCommandSupport.lines(result.stderr).count == 1, "\(result.stderr)")
    }
}

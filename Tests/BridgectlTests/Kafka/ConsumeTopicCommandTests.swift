import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl consume topic", .serialized)
struct ConsumeTopicCommandTests {
    static let topic = TopicNames.defaultHeartbeat

    /// 200 valid heartbeats and 100 messages that break the contract, keyed over 20 nodes.
    static func mixedLines() -> (lines: [String], values: [String]) {
        var lines: [String] = []
        var values: [String] = []
        for index in 0..<300 {
            let node = "node-\(index % 20)"
            let value =
                index % 3 == 2
                ? "not json \(index)" : KafkaCommandSupport.heartbeatLine(node: node, uptime: Int64(index))
            lines.append("\(node)\t\(value)")
            values.append(value)
        }
        return (lines, values)
    }

    @Test func whatKcatProducesConsumePrintsExactly() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 4) { broker in
            let (lines, values) = Self.mixedLines()
            let produced = try await Kcat.produce(
                brokers: broker.bootstrap, topic: Self.topic, lines: lines, keyDelimiter: "\t")
            #expect(produced.status == 0, "\(produced.stderr)")

            let ndjson = try await BridgectlBinary.run([
                "consume", "topic", Self.topic, "-e", "--brokers", broker.bootstrap,
            ])
            #expect(ndjson.status == 0, "\(ndjson.stderr)")
            let objects = try KafkaCommandSupport.objects(ndjson.stdout)
            #expect(objects.count == 300)
            let valid = objects.filter { $0["valid"] == .bool(true) }
            let invalid = objects.filter { $0["valid"] == .bool(false) }
            #expect(valid.count == 200 && invalid.count == 100)
            #expect(
                valid.allSatisfy { $0["event_type"] == "NODE_HEARTBEAT" && $0["value"]?.objectValue?["payload"] != nil }
            )
            #expect(invalid.allSatisfy { ($0["error"]?.stringValue ?? "").hasPrefix("envelope: not valid JSON") })
            #expect(
                Set(invalid.compactMap { $0["value"]?.stringValue }) == Set(values.filter { $0.hasPrefix("not json") }))
            #expect(Set(objects.compactMap { $0["key"]?.stringValue }) == Set((0..<20).map { "node-\($0)" }))

            let raw = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "--output", "raw", "--brokers", broker.bootstrap])
            #expect(raw.status == 0)
            #expect(KafkaCommandSupport.lines(raw.stdout).sorted() == values.sorted())

            let table = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "--output", "table", "--brokers", broker.bootstrap])
            let rows = KafkaCommandSupport.lines(table.stdout)
            #expect(rows.count == 301)
            #expect(rows.allSatisfy { $0.count <= 80 })
            #expect(rows.filter { $0.contains("INVALID envelope") }.count == 100)

            let json = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "-n", "7", "--output", "json", "--brokers", broker.bootstrap])
            guard case .array(let items) = try JSONParser.parse(json.stdout) else {
                Issue.record("--output json is not an array: \(json.stdout)")
                return
            }
            #expect(items.count == 7)
        }
    }

    @Test func partitionsOffsetsAndFormatsMatchKcat() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 3) { broker in
            let lines = (0..<90).map { "key-\($0 % 9):value-\($0)" }
            #expect(
                try await Kcat.produce(brokers: broker.bootstrap, topic: Self.topic, lines: lines, keyDelimiter: ":")
                    .status == 0)
            let format = "%t|%p|%o|%k|%K|%s|%S\\n"
            let ours = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "-f", format, "--brokers", broker.bootstrap])
            let theirs = try await Kcat.consumeAll(brokers: broker.bootstrap, topic: Self.topic, format: format)
            #expect(ours.status == 0 && theirs.status == 0)
            #expect(
                KafkaCommandSupport.lines(ours.stdout).sorted() == KafkaCommandSupport.lines(theirs.stdout).sorted())
            #expect(KafkaCommandSupport.lines(ours.stdout).count == 90)

            let partitionOne = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "-p", "1", "-f", "%p %o\\n", "--brokers", broker.bootstrap])
            let kcatOne = try await Kcat.run(
                [
                    "-C", "-b", broker.bootstrap, "-t", Self.topic, "-p", "1", "-o", "beginning", "-e", "-q", "-f",
                    "%p %o\\n",
                ])
            #expect(partitionOne.stdout == kcatOne.stdout)
            #expect(KafkaCommandSupport.lines(partitionOne.stdout).allSatisfy { $0.hasPrefix("1 ") })

            let tail = try await BridgectlBinary.run(
                [
                    "consume", "topic", Self.topic, "-e", "-p", "1", "-o", "-2", "-f", "%o\\n", "--brokers",
                    broker.bootstrap,
                ])
            #expect(tail.status == 0, "\(tail.stderr)")
            let offsets = KafkaCommandSupport.lines(kcatOne.stdout).map { $0.split(separator: " ")[1] }
            #expect(KafkaCommandSupport.lines(tail.stdout) == offsets.suffix(2).map(String.init))

            let limited = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-n", "10", "--output", "raw", "--brokers", broker.bootstrap])
            #expect(limited.status == 0 && KafkaCommandSupport.lines(limited.stdout).count == 10)

            let pastTheEnd = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "-p", "0", "-o", "100000", "--brokers", broker.bootstrap])
            #expect(pastTheEnd.status == ExitStatus.failure.rawValue)
            #expect(pastTheEnd.stderr.contains("has no offset 100000"))

            let unknown = try await BridgectlBinary.run([
                "consume", "topic", "no-such-topic", "-e", "--brokers", broker.bootstrap,
            ])
            #expect(unknown.status == ExitStatus.failure.rawValue)
            #expect(unknown.stderr.contains("Topic no-such-topic does not exist"))

            let badOffset = try await BridgectlBinary.run([
                "consume", "topic", Self.topic, "-o", "stored", "--brokers", broker.bootstrap,
            ])
            #expect(badOffset.status == ExitStatus.usage.rawValue)
        }
    }

    @Test func deadLettersShowWhyTheyWereRefused() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 2) { broker in
            let dlq = TopicNames().dlq(of: TopicNames.defaultIntrospection)
            let reason =
                "payload.node_type: \"router\" is not accepted; expected effect, compute, reducer or orchestrator"
            let produced = try await Kcat.produce(
                brokers: broker.bootstrap, topic: dlq, lines: ["n1:{\"node_type\":\"router\"}", "n2:{}"],
                keyDelimiter: ":",
                headers: ["bridge.error=\(reason)", "bridge.source.topic=\(TopicNames.defaultIntrospection)"])
            #expect(produced.status == 0, "\(produced.stderr)")
            let result = try await BridgectlBinary.run(["consume", "topic", dlq, "-e", "--brokers", broker.bootstrap])
            let objects = try KafkaCommandSupport.objects(result.stdout)
            #expect(objects.count == 2)
            #expect(objects.allSatisfy { $0["dlq_error"] == .string(reason) })
            let table = try await BridgectlBinary.run(
                ["consume", "topic", dlq, "-e", "--output", "table", "--brokers", broker.bootstrap])
            #expect(KafkaCommandSupport.lines(table.stdout).filter { $0.contains("DLQ payload.node_type") }.count == 2)
        }
    }

    @Test func aGroupCommitsWhatItPrintedAndResumesAfterIt() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 3) { broker in
            let group = ["--group", "consume-test", "-X", "session.timeout.ms=6000", "--brokers", broker.bootstrap]
            let first = (0..<50).map { "k\($0 % 5):first-\($0)" }
            #expect(
                try await Kcat.produce(brokers: broker.bootstrap, topic: Self.topic, lines: first, keyDelimiter: ":")
                    .status == 0)
            let read1 = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "--output", "raw"] + group)
            #expect(read1.status == 0, "\(read1.stderr)")
            #expect(KafkaCommandSupport.lines(read1.stdout).sorted() == first.map { String($0.dropFirst(3)) }.sorted())

            let inspect = try await BridgectlBinary.run(
                [
                    "inspect", "kafka", "--group", "consume-test", "--topic", Self.topic, "--output", "json",
                    "--brokers", broker.bootstrap,
                ])
            #expect(inspect.status == 0, "\(inspect.stderr)")
            let report = try #require(try JSONParser.parse(inspect.stdout).objectValue)
            let groupReport = try #require(report["group"]?.objectValue)
            #expect(groupReport["total_lag"] == 0)
            guard case .array(let partitions)? = groupReport["partitions"] else {
                Issue.record("no partitions in \(inspect.stdout)")
                return
            }
            #expect(partitions.compactMap { $0.objectValue?["committed"]?.integerValue }.reduce(0, +) == 50)

            let second = (0..<20).map { "k\($0 % 5):second-\($0)" }
            #expect(
                try await Kcat.produce(brokers: broker.bootstrap, topic: Self.topic, lines: second, keyDelimiter: ":")
                    .status == 0)
            let read2 = try await BridgectlBinary.run(
                ["consume", "topic", Self.topic, "-e", "--output", "raw"] + group)
            #expect(read2.status == 0, "\(read2.stderr)")
            #expect(KafkaCommandSupport.lines(read2.stdout).sorted() == second.map { String($0.dropFirst(3)) }.sorted())
        }
    }
}

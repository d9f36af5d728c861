import BridgeCore
import Testing

@Suite("kcat-style offsets, formats and the end-of-partition rule")
struct KafkaOffsetAndFormatTests {
    @Test func startOffsetsParseLikeKcat() throws {
        #expect(try KafkaStartOffset(parsing: "beginning") == .beginning)
        #expect(try KafkaStartOffset(parsing: "end") == .end)
        #expect(try KafkaStartOffset(parsing: "stored") == .stored)
        #expect(try KafkaStartOffset(parsing: "42") == .absolute(42))
        #expect(try KafkaStartOffset(parsing: "0") == .absolute(0))
        #expect(try KafkaStartOffset(parsing: "-10") == .tail(10))
        for bad in ["", "-0", "+5", "start", "1.5", "--3"] {
            #expect(throws: BridgeError.self, "accepted '\(bad)'") { try KafkaStartOffset(parsing: bad) }
        }
        do {
            _ = try KafkaStartOffset(parsing: "latest")
        } catch {
            #expect(error.status == .usage)
            #expect(error.message.contains("'latest'") && error.message.contains("accepted: beginning, end, stored"))
        }
    }

    @Test func startOffsetsUseLibrdkafkasLogicalValues() {
        #expect(KafkaStartOffset.beginning.librdkafkaValue == -2)
        #expect(KafkaStartOffset.end.librdkafkaValue == -1)
        #expect(KafkaStartOffset.stored.librdkafkaValue == -1000)
        #expect(KafkaStartOffset.tail(5).librdkafkaValue == -2005)
        #expect(KafkaStartOffset.absolute(7).librdkafkaValue == 7)
    }

    @Test func startOffsetsResolveAgainstWatermarks() {
        #expect(KafkaStartOffset.beginning.resolved(low: 5, high: 20) == 5)
        #expect(KafkaStartOffset.end.resolved(low: 5, high: 20) == 20)
        #expect(KafkaStartOffset.tail(3).resolved(low: 5, high: 20) == 17)
        #expect(KafkaStartOffset.tail(30).resolved(low: 5, high: 20) == 5, "never before the log starts")
        #expect(KafkaStartOffset.absolute(2).resolved(low: 5, high: 20) == 2, "the broker judges absolute offsets")
        #expect(KafkaStartOffset.stored.resolved(low: 5, high: 20) == nil)
    }

    func message(key: String? = "node-1", value: String? = "{\"a\":1}", headers: [KafkaHeader] = []) -> KafkaMessage {
        KafkaMessage(
            topic: "t.v1", partition: 3, offset: 17, key: key.map { Array($0.utf8) },
            value: value.map { Array($0.utf8) },
            headers: headers, timestampMilliseconds: 1_700_000_000_123)
    }

    func render(_ format: String, _ message: KafkaMessage) throws -> String {
        var bytes: [UInt8] = []
        try KcatFormat(parsing: format).render(message, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func formatTokensRenderEveryField() throws {
        let headers = [KafkaHeader(name: "bridge.error", text: "bad"), KafkaHeader(name: "n", value: nil)]
        #expect(
            try render("%t [%p] @%o %k(%K) %s(%S) %T %h|%%\\t\\x41\\n", message(headers: headers))
                == "t.v1 [3] @17 node-1(6) {\"a\":1}(7) 1700000000123 bridge.error=bad,n=|%\tA\n")
        #expect(try render("%k|%K|%s|%S", message(key: nil, value: nil)) == "|-1||-1")
        #expect(try render("plain", message()) == "plain")
    }

    @Test func rawOutputIsTheValueAndANewline() {
        var bytes: [UInt8] = []
        KcatFormat.valuePerLine.render(message(value: "hello"), into: &bytes)
        KcatFormat.valuePerLine.render(message(value: nil), into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "hello\n\n")
    }

    @Test func unknownFormatTokensAreUsageErrors() throws {
        for bad in ["%x", "abc%", "\\xZZ"] {
            do {
                _ = try KcatFormat(parsing: bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.status == .usage)
                #expect(error.message.contains("accepted tokens"))
            }
        }
        #expect(try KcatFormat(parsing: "%h").needsHeaders)
        #expect(try !KcatFormat(parsing: "%s\\n").needsHeaders)
    }

    @Test func endOfPartitionNeedsEveryAssignedPartitionAtItsEnd() {
        let p0 = TopicPartition(topic: "t", partition: 0)
        let p1 = TopicPartition(topic: "t", partition: 1)
        var tracker = EndOfPartitionTracker()
        #expect(!tracker.allAtEnd, "nothing assigned is not the end")
        tracker.assign([p0, p1])
        tracker.reachedEnd(p0)
        #expect(!tracker.allAtEnd)
        tracker.reachedEnd(p1)
        #expect(tracker.allAtEnd)
        tracker.received(p1)
        #expect(!tracker.allAtEnd, "a new message moves the end")
        tracker.revoke([p1])
        #expect(tracker.allAtEnd, "a revoked partition no longer counts")
    }
}

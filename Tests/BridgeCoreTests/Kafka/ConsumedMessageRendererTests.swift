import BridgeCore
import BridgeEvents
import Testing

@Suite("How consume topic shows contract events, violations and dead letters")
struct ConsumedMessageRendererTests {
    static let topics = TopicNames()

    static func validHeartbeat() throws -> [UInt8] {
        let envelope = try ContractEventBuilder.build(
            type: .nodeHeartbeat, payload: HeartbeatFields(nodeID: "node-1", nodeType: "effect").payload(),
            envelope: .init(environment: "dev", sourceVersion: "0.1.0"))
        return EventCodec.encode(envelope)
    }

    func message(topic: String, value: [UInt8]?, headers: [KafkaHeader] = []) -> KafkaMessage {
        KafkaMessage(
            topic: topic, partition: 2, offset: 9, key: Array("node-1".utf8), value: value, headers: headers,
            timestampMilliseconds: 5)
    }

    @Test func validEventsShowTheirValueAsAJSONObject() throws {
        let renderer = ConsumedMessageRenderer(role: Self.topics.role(of: Self.topics.heartbeat))
        let json = renderer.json(message(topic: Self.topics.heartbeat, value: try Self.validHeartbeat()))
        let object = try #require(json.objectValue)
        #expect(object["valid"] == .bool(true))
        #expect(object["event_type"] == "NODE_HEARTBEAT")
        #expect(object["value"]?.objectValue?["payload"]?.objectValue?["node_id"] == "node-1")
        #expect(object["error"] == nil)
        #expect(object["key"] == "node-1" && object["partition"] == 2 && object["offset"] == 9)
    }

    @Test func invalidEventsAreShownWithTheContractErrorNotDropped() throws {
        let renderer = ConsumedMessageRenderer(role: .events)
        let notJSON = try #require(renderer.json(message(topic: "x", value: Array("nope".utf8))).objectValue)
        #expect(notJSON["valid"] == .bool(false))
        #expect(notJSON["value"] == "nope")
        #expect(notJSON["error"]?.stringValue?.hasPrefix("envelope: not valid JSON") == true)
        let badType = Array(#"{"event_id":"5b0f8f0e-3c1e-4d8c-9a57-0f6c2f3b9a11","event_type":"X"}"#.utf8)
        let typed = try #require(renderer.json(message(topic: "x", value: badType)).objectValue)
        #expect(typed["error"]?.stringValue?.hasPrefix("envelope.event_type: \"X\" is not an event type") == true)
        #expect(typed["value"]?.objectValue?["event_type"] == "X")
        let tombstone = try #require(renderer.json(message(topic: "x", value: nil)).objectValue)
        #expect(tombstone["valid"] == .bool(false) && tombstone["value"] == .null)
        #expect(renderer.tableRow(message(topic: "x", value: Array("nope".utf8))).contains("INVALID envelope"))
    }

    @Test func deadLettersShowTheirBridgeErrorHeader() throws {
        let dlq = Self.topics.dlq(of: Self.topics.introspection)
        #expect(Self.topics.role(of: dlq) == .deadLetters)
        let renderer = ConsumedMessageRenderer(role: .deadLetters)
        let headers = [KafkaHeader(name: "bridge.error", text: "payload.node_type: \"router\" is not accepted")]
        let row = renderer.tableRow(message(topic: dlq, value: Array("{}".utf8), headers: headers))
        #expect(row.contains("DLQ payload.node_type"))
        let object = try #require(
            renderer.json(message(topic: dlq, value: Array("{}".utf8), headers: headers)).objectValue)
        #expect(object["dlq_error"]?.stringValue?.hasPrefix("payload.node_type") == true)
        #expect(object["headers"]?.objectValue?["bridge.error"] != nil)
    }

    @Test func otherTopicsShowValuesAsTheyAre() throws {
        #expect(Self.topics.role(of: "something-else") == .other)
        let renderer = ConsumedMessageRenderer(role: .other)
        let object = try #require(renderer.json(message(topic: "o", value: Array("[1,2]".utf8))).objectValue)
        #expect(object["value"] == [1, 2])
        #expect(object["valid"] == nil)
        #expect(try #require(renderer.json(message(topic: "o", value: Array("12".utf8))).objectValue)["value"] == "12")
    }

    @Test func tableRowsFitEightyColumns() throws {
        let renderer = ConsumedMessageRenderer(role: .events)
        let long = String(repeating: "x", count: 300)
        let rows = [
            ConsumedMessageRenderer.tableHeader,
            renderer.tableRow(message(topic: "t", value: Array(long.utf8))),
            renderer.tableRow(
                KafkaMessage(
                    topic: "t", partition: 1234, offset: 123_456_789, key: Array(long.utf8),
                    value: try Self.validHeartbeat())),
        ]
        for row in rows { #expect(row.count <= 80, "\(row.count) columns: \(row)") }
        #expect(rows[2].contains("NODE_HEARTBEAT healthy"))
    }
}

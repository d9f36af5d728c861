import BridgeEvents
import Testing

@Suite("Malformed messages")
struct MalformedInputTests {
    func violation(_ bytes: [UInt8]) -> ContractViolation? {
        do {
            _ = try EventCodec.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("empty message", ""),
        ("truncated JSON", "{\"event_id\": "),
        ("trailing garbage", "{} x"),
        ("single quotes", "{'a': 1}"),
        ("bare value", "42"),
        ("array", "[1,2]"),
        ("duplicate keys", "{\"event_id\":\"a\",\"event_id\":\"b\"}"),
        ("NaN literal", "{\"x\": NaN}"),
        ("leading zero number", "{\"x\": 01}"),
        ("unescaped control character", "{\"x\": \"a\u{01}b\"}"),
        ("lone surrogate escape", "{\"x\": \"\\ud800\"}"),
    ])
    func rejectedAtEnvelope(_ name: String, _ text: String) throws {
        let found = try #require(violation(Array(text.utf8)), "\(name) was accepted")
        #expect(found.path == "envelope")
        ContractMessageForm.check(found)
    }

    @Test func invalidUTF8IsRejected() throws {
        var bytes = Array(#"{"event_id":""#.utf8)
        bytes += [0xC3, 0x28]  // an invalid two-byte sequence
        bytes += Array(#""}"#.utf8)
        let found = try #require(violation(bytes))
        #expect(found.path == "envelope")
        #expect(found.problem.contains("UTF-8"))
    }

    @Test func twoMegabyteBlobIsRejectedBeforeParsing() throws {
        let blob = Array(repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024)
        let found = try #require(violation(blob))
        #expect(found.path == "envelope")
        #expect(found.problem.contains("2097152 bytes"))
        #expect(found.accepted.contains("1000000"))
    }

    @Test func wrongTypesNameTheField() throws {
        let event = EventFixtures.introspection.setting(["payload", "node_type"], to: 3)
        let found = try #require(violation(JSONWriter.bytes(event)))
        #expect(
            found.description.hasPrefix(
                "payload.node_type: got number 3; expected effect, compute, reducer or orchestrator"))
    }

    @Test func deepNestingIsRefusedNotCrashed() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let found = try #require(violation(Array(deep.utf8)))
        #expect(found.problem.contains("nesting"))
    }

    @Test func exampleFromTheContractReadsAsDocumented() throws {
        let event = EventFixtures.introspection.setting(["payload", "node_type"], to: "router")
        let found = try #require(violation(JSONWriter.bytes(event)))
        #expect(
            found.description
                == "payload.node_type: \"router\" is not accepted; expected effect, compute, reducer or orchestrator")
    }
}

@Suite("Events as the Python deployment writes them")
struct PythonCompatibilityTests {
    @Test func introspectionWithLowerCaseTypeAndNaiveTimestamp() throws {
        let event = try EventCodec.decode(EventFixtures.file("python_introspection"))
        #expect(event.eventType == .nodeIntrospection)
        #expect(event.eventID.description == "5b0f8f0e-3c1e-4d8c-9a57-0f6c2f3b9a11")
        guard case .introspection(let payload) = event.payload else {
            Issue.record("wrong payload case")
            return
        }
        #expect(payload.nodeID == "orchestrator-test-1")
        #expect(payload.nodeType == .orchestrator)
        #expect(payload.endpoints["health"]?.port == 8060)
        #expect(payload.endpoints["orchestration"]?.path == "/workflow")
        #expect(payload.broadcastReason == .startup)
        #expect(payload.timestamp.formatted == "2026-11-24T23:26:42.120001+00:00")
        #expect(event.eventTimestamp.formatted == "2026-11-24T23:26:42.123456+00:00")
    }

    @Test func heartbeatWithKebabTypeAndZuluTimestamp() throws {
        let event = try EventCodec.decode(EventFixtures.file("python_heartbeat"))
        guard case .heartbeat(let payload) = event.payload else {
            Issue.record("wrong payload case")
            return
        }
        #expect(payload.uptimeSeconds == 30)
        #expect(payload.activeOperations == 2)
        #expect(payload.resourceUsage.memoryMB == 81.2)
        #expect(event.eventTimestamp.formatted == "2026-11-24T23:27:12.000000+00:00")
    }

    @Test func registryRequestWithNullTargets() throws {
        let event = try EventCodec.decode(EventFixtures.file("python_registry_request"))
        guard case .request(let payload) = event.payload else {
            Issue.record("wrong payload case")
            return
        }
        #expect(payload.targetNodeTypes == nil)
        #expect(payload.targets(.reducer))
        #expect(payload.correlationID?.description == "e3b0c442-98fc-4c14-9afb-f4c8996fb924")
        #expect(event.payload.key == "registry-test-1")
    }

    @Test func minimalShutdownTakesTheDefaults() throws {
        let event = try EventCodec.decode(EventFixtures.file("minimal_shutdown"))
        #expect(event.envelopeVersion == "1.0")
        #expect(event.environment == "dev")
        #expect(event.sourceService == "omninode-bridge")
        #expect(event.eventType == .nodeShutdown)
    }
}

@Suite("Writers")
struct WriterTests {
    @Test func writerEmitsUpperSnakeTypeMicrosecondsAndPartitionKey() throws {
        let payload = NodeHeartbeat(
            nodeID: "n-1", nodeType: .compute, uptimeSeconds: 5,
            lastActivityTimestamp: EventTimestamp(microsecondsSinceEpoch: 1_700_000_000_000_001))
        let envelope = EventEnvelope(
            payload: .heartbeat(payload), environment: "staging",
            eventTimestamp: EventTimestamp(microsecondsSinceEpoch: 1_700_000_000_000_000))
        let text = String(decoding: EventCodec.encode(envelope), as: UTF8.self)
        #expect(text.contains(#""event_type":"NODE_HEARTBEAT""#))
        #expect(text.contains(#""event_timestamp":"2023-11-14T22:13:20.000000+00:00""#))
        #expect(text.contains(#""last_activity_timestamp":"2023-11-14T22:13:20.000001+00:00""#))
        #expect(text.contains(#""partition_key":"n-1""#))
        #expect(text.contains(#""source_instance":null"#))
        #expect(text.contains(#""environment":"staging""#))
        let decoded = try EventCodec.decode(Array(text.utf8))
        #expect(decoded == envelope)
    }

    @Test func stringsWithQuotesAndControlCharactersRoundTrip() throws {
        let value: JSONValue = ["k": "a\"b\\c\nd\u{01}é😀"]
        let parsed = try JSONParser.parse(JSONWriter.bytes(value))
        #expect(parsed == value)
    }
}

@Suite("JSON writer edge cases")
struct JSONWriterEdgeTests {
    @Test func nonFiniteNumbersBecomeNull() throws {
        let text = JSONWriter.string(["a": .double(.nan), "b": .double(.infinity), "c": 2.5, "d": 3.0])
        #expect(text == #"{"a":null,"b":null,"c":2.5,"d":3.0}"#)
        #expect(throws: Never.self) { try JSONParser.parse(text) }
    }
}

@Suite("Hostile keys stay on one line")
struct HostileKeyTests {
    @Test(arguments: ["res\nource_usage", "a\"b", "x.y", "", String(repeating: "k", count: 200)])
    func unknownKeysAreQuotedInThePath(_ key: String) throws {
        let event = EventFixtures.heartbeat.setting(["payload", key], to: 1)
        do {
            _ = try EventCodec.decode(JSONWriter.bytes(event))
            Issue.record("accepted an unknown key")
        } catch {
            ContractMessageForm.check(error)
            #expect(error.path.hasPrefix("payload["))
            #expect(error.problem == "unknown field")
        }
    }

    @Test func endpointNamesAreQuotedToo() throws {
        let event = EventFixtures.introspection.setting(["payload", "endpoints", "a\nb"], to: "ftp://x")
        do {
            _ = try EventCodec.decode(JSONWriter.bytes(event))
            Issue.record("accepted")
        } catch {
            #expect(error.path == #"payload.endpoints["a\nb"]"#)
            ContractMessageForm.check(error)
        }
    }
}

@Suite("Parser messages stay on one line")
struct ParserMessageTests {
    @Test func duplicateKeyWithALineBreakIsQuoted() throws {
        do {
            _ = try EventCodec.decode(Array("{\"a\\nb\": 1, \"a\\nb\": 2}".utf8))
            Issue.record("accepted duplicate keys")
        } catch {
            ContractMessageForm.check(error)
            #expect(error.problem.contains(#"duplicate key "a\nb""#))
        }
    }
}

import BridgeCore
import BridgeEvents
import Testing

@Suite("Registry ingest: decode or dead-letter")
struct RegistryIngestTests {
    let ingest = RegistryIngest(topics: TopicNames())

    func bytes(_ payload: EventPayload) -> [UInt8] { EventCodec.encode(EventEnvelope(payload: payload)) }

    @Test func validEventsPassWithTheirPosition() {
        let beat = NodeHeartbeat(nodeID: "n1", nodeType: .effect, uptimeSeconds: 1, lastActivityTimestamp: .now())
        let outcome = ingest.ingest(
            topic: "node-heartbeat.v1", partition: 3, offset: 42, key: Array("n1".utf8), value: bytes(.heartbeat(beat)))
        guard case .event(let event) = outcome else {
            Issue.record("not accepted: \(outcome)")
            return
        }
        #expect(event.partition == 3 && event.offset == 42)
    }

    @Test func invalidEventsKeepKeyAndValueAndSayWhy() {
        let value = Array(#"{"event_id":"x"}"#.utf8)
        let outcome = ingest.ingest(
            topic: "node-introspection.v1", partition: 1, offset: 7, key: Array("k".utf8), value: value)
        guard case .deadLetter(let letter) = outcome else {
            Issue.record("not dead-lettered")
            return
        }
        #expect(letter.topic == "node-introspection.v1.dlq")
        #expect(letter.key == Array("k".utf8) && letter.value == value)
        #expect(
            letter.headers.map(\.name) == [
                "bridge.error", "bridge.source.topic", "bridge.source.partition", "bridge.source.offset",
            ])
        #expect(letter.headers[0].value.hasPrefix("envelope.event_id: "))
        #expect(letter.headers[2].value == "1" && letter.headers[3].value == "7")
    }

    @Test func tombstonesAndWrongTopicsAreDeadLettered() {
        if case .deadLetter = ingest.ingest(topic: "node-heartbeat.v1", partition: 0, offset: 0, key: nil, value: nil) {
        } else {
            Issue.record("tombstone accepted")
        }
        let beat = NodeHeartbeat(nodeID: "n1", nodeType: .effect, uptimeSeconds: 1, lastActivityTimestamp: .now())
        guard
            case .deadLetter(let letter) = ingest.ingest(
                topic: "node-introspection.v1", partition: 0, offset: 0, key: nil, value: bytes(.heartbeat(beat)))
        else {
            Issue.record("heartbeat on the introspection topic accepted")
            return
        }
        #expect(letter.reason.contains("does not belong on node-introspection.v1"))
    }

    @Test func registryRequestsAreIgnored() {
        let request = RegistryIntrospectionRequest(registryID: "r1", reason: .startup)
        #expect(
            ingest.ingest(
                topic: "registry-request-introspection.v1", partition: 0, offset: 0, key: nil,
                value: bytes(.request(request)))
                == .ignored)
    }
}

@Suite("inspect diff logic")
struct RegistrationDiffTests {
    func row(_ id: String, deregistered: Bool = false, state: String? = "registered") -> RegistrationDiff.PostgresSide {
        RegistrationDiff.PostgresSide(
            nodeID: id, deregistered: deregistered, consulState: state, healthStatus: "healthy", lastEventID: nil,
            lastEventAt: nil)
    }

    func service(_ id: String) -> RegistrationDiff.ConsulSide {
        RegistrationDiff.ConsulSide(serviceID: id, serviceName: "effect", checkStatus: "passing")
    }

    @Test func classifiesEveryCombination() {
        let rows = RegistrationDiff.compare(
            postgres: [
                row("both"), row("pg-only"), row("gone", deregistered: true), row("left", deregistered: true),
                row("pending", state: "pending_register"),
            ],
            consul: [service("both"), service("consul-only"), service("left"), service("pending")])
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.nodeID, $0) })
        #expect(byID["both"]?.verdict == .complete)
        #expect(byID["gone"]?.verdict == .complete)
        #expect(byID["pg-only"]?.owed == ["Consul registration"])
        #expect(byID["consul-only"]?.verdict == .partial)
        #expect(byID["left"]?.owed == ["Consul deregistration"])
        #expect(byID["pending"]?.owed == ["consul_state is pending_register"])
        #expect(rows.map(\.nodeID) == rows.map(\.nodeID).sorted())
    }
}

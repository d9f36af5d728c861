import BridgeCore
import BridgeEvents
import Testing

@Suite("Registry planner: newest wins, unchanged costs nothing")
struct RegistryPlannerTests {
    let options = RegistryOptions(registryID: "registry-1", environment: "dev")
    var planner: RegistryPlanner { RegistryPlanner(options: options) }

    func at(_ seconds: Int64) -> EventTimestamp {
        EventTimestamp(microsecondsSinceEpoch: 1_700_000_000_000_000 + seconds * 1_000_000)
    }

    func announce(
        _ id: String, at t: Int64, version: String = "1.0.0", epoch: Int64? = nil, environment: String = "dev",
        correlation: EventUUID? = nil, interval: Double = 10
    ) -> ConsumedEvent {
        var node = NodeIntrospection(
            nodeID: id, nodeType: .orchestrator, nodeVersion: version,
            endpoints: [
                "api": try! EndpointURL.parse("http://127.0.0.1:8060").get(),
                "health": try! EndpointURL.parse("http://127.0.0.1:8060/health").get(),
            ],
            metadata: ["heartbeat_interval_seconds": .double(interval), "uptime_seconds": .double(Double(t))],
            timestamp: at(t), correlationID: correlation, epoch: epoch)
        node.metadata["broadcast_reason"] = correlation == nil ? "startup" : "registry_request"
        return ConsumedEvent(
            envelope: EventEnvelope(payload: .introspection(node), environment: environment, eventTimestamp: at(t)),
            topic: "node-introspection.v1", partition: 0, offset: t)
    }

    func heartbeat(_ id: String, at t: Int64, epoch: Int64? = nil) -> ConsumedEvent {
        let beat = NodeHeartbeat(
            nodeID: id, nodeType: .orchestrator, uptimeSeconds: t, lastActivityTimestamp: at(t), timestamp: at(t),
            epoch: epoch)
        return ConsumedEvent(
            envelope: EventEnvelope(payload: .heartbeat(beat), eventTimestamp: at(t)), topic: "node-heartbeat.v1",
            partition: 0, offset: t)
    }

    func shutdown(_ id: String, at t: Int64) -> ConsumedEvent {
        ConsumedEvent(
            envelope: EventEnvelope(
                payload: .shutdown(NodeShutdown(nodeID: id, nodeType: .orchestrator, timestamp: at(t))),
                eventTimestamp: at(t)),
            topic: "node-introspection.v1", partition: 0, offset: t)
    }

    @Test func newNodeIsWrittenToBothStoresWithAPassingTTLOfThreeIntervals() throws {
        let plan = planner.plan([announce("n1", at: 1)], states: [:], now: 100)
        #expect(plan.introspections.map(\.payload.nodeID) == ["n1"])
        let registration = try #require(plan.consulRegistrations.first)
        #expect(registration.id == "n1")
        #expect(registration.name == "orchestrator")
        #expect(registration.check == .ttl(seconds: 30))
        #expect(registration.address == "127.0.0.1" && registration.port == 8060)
        #expect(registration.tags.contains(RegistryOptions.ownershipTag))
        #expect(registration.meta["registry_id"] == "registry-1")
        #expect(plan.nextStates["n1"]?.registration == registration)
    }

    @Test func identicalReannouncementsWriteNothing() {
        let first = planner.plan([announce("n1", at: 1)], states: [:], now: 100)
        let again = planner.plan((2...1001).map { announce("n1", at: $0) }, states: first.nextStates, now: 101)
        #expect(again.introspections.isEmpty)
        #expect(again.consulRegistrations.isEmpty)
        #expect(again.unchangedSkipped == 1000)
    }

    @Test func olderEventAfterANewerOneIsStale() {
        let newer = planner.plan([announce("n1", at: 10, version: "2.0.0")], states: [:], now: 100)
        let older = planner.plan([announce("n1", at: 5, version: "1.0.0")], states: newer.nextStates, now: 101)
        #expect(older.introspections.isEmpty && older.consulRegistrations.isEmpty)
        #expect(older.staleSkipped == 1)
    }

    @Test func withinABatchOnlyTheNewestPerNodeIsWritten() {
        let plan = planner.plan(
            [
                announce("n1", at: 3, version: "3.0.0"), announce("n1", at: 1, version: "1.0.0"),
                announce("n1", at: 2, version: "2.0.0"), announce("n2", at: 1),
            ],
            states: [:], now: 100)
        #expect(plan.introspections.count == 2)
        #expect(plan.introspections.first { $0.payload.nodeID == "n1" }?.payload.nodeVersion == "3.0.0")
        #expect(plan.staleSkipped == 2)
        #expect(plan.consulRegistrations.count == 2)
    }

    @Test func changedContentIsWrittenAndReregistered() {
        let first = planner.plan([announce("n1", at: 1)], states: [:], now: 100)
        let changed = planner.plan([announce("n1", at: 2, version: "1.1.0")], states: first.nextStates, now: 101)
        #expect(changed.introspections.count == 1)
        #expect(changed.consulRegistrations.first?.meta["node_version"] == "1.1.0")
    }

    @Test func answersToARegistryRequestAreWrittenEvenWhenUnchanged() {
        let first = planner.plan([announce("n1", at: 1)], states: [:], now: 100)
        let correlation = EventUUID.random()
        let answer = planner.plan([announce("n1", at: 2, correlation: correlation)], states: first.nextStates, now: 101)
        #expect(answer.introspections.count == 1)
        #expect(answer.consulRegistrations.isEmpty)
        #expect(answer.answers["n1"] == correlation)
    }

    @Test func aConsulThatLostItsStateGetsTheNodeBackWithoutAPostgresWrite() {
        var states = planner.plan([announce("n1", at: 1)], states: [:], now: 100).nextStates
        states["n1"]?.registration = nil  // what the reconciler records after finding Consul empty
        let plan = planner.plan([announce("n1", at: 2)], states: states, now: 101)
        #expect(plan.introspections.isEmpty)
        #expect(plan.consulRegistrations.map(\.id) == ["n1"])
    }

    @Test func heartbeatsPassTheTTLAtMostOncePerThirdOfIt() {
        let states = planner.plan([announce("n1", at: 1)], states: [:], now: 100).nextStates
        // Registered at 100 with a 30 s TTL: passes are due from 110 on.
        let early = planner.plan([heartbeat("n1", at: 2)], states: states, now: 105)
        #expect(early.heartbeats.count == 1 && early.ttlPasses.isEmpty)
        let due = planner.plan([heartbeat("n1", at: 3), heartbeat("n1", at: 4)], states: early.nextStates, now: 111)
        #expect(due.heartbeats.count == 1)
        #expect(due.heartbeats.first?.payload.uptimeSeconds == 4)
        #expect(due.ttlPasses == ["service:n1"])
        let after = planner.plan([heartbeat("n1", at: 5)], states: due.nextStates, now: 115)
        #expect(after.ttlPasses.isEmpty)
    }

    @Test func heartbeatFromAnUnknownNodeAsksItToJoin() {
        let plan = planner.plan([heartbeat("ghost", at: 1)], states: [:], now: 100)
        #expect(plan.heartbeats.isEmpty)
        #expect(plan.joinRequests == ["ghost"])
        #expect(plan.nextStates.isEmpty)
    }

    @Test func shutdownDeregistersAndHeartbeatsDoNotResurrect() {
        let states = planner.plan([announce("n1", at: 1)], states: [:], now: 100).nextStates
        let down = planner.plan([shutdown("n1", at: 2), heartbeat("n1", at: 3)], states: states, now: 101)
        #expect(down.shutdowns.count == 1)
        #expect(down.consulDeregistrations == ["n1"])
        #expect(down.heartbeats.isEmpty)
        #expect(down.staleSkipped == 1)
        let back = planner.plan([announce("n1", at: 4)], states: down.nextStates, now: 102)
        #expect(back.introspections.count == 1 && back.consulRegistrations.count == 1)
    }

    @Test func otherEnvironmentsAreSkippedAndReusedIdsDeadLettered() {
        let plan = planner.plan([announce("n1", at: 1, environment: "staging")], states: [:], now: 100)
        #expect(plan.otherEnvironmentSkipped == 1 && plan.introspections.isEmpty)
        var foreign = planner.plan([announce("n2", at: 1)], states: [:], now: 100).nextStates
        foreign["n2"]?.environment = "staging"
        let reuse = planner.plan([announce("n2", at: 2)], states: foreign, now: 101)
        #expect(reuse.deadLetters.count == 1)
        #expect(reuse.deadLetters.first?.reason.contains("registered under environment \"staging\"") == true)
    }

    @Test func seedStyleNamesAndHTTPChecks() throws {
        let seed = RegistryPlanner(
            options: RegistryOptions(
                registryID: "r", environment: "dev", serviceName: try ConsulServiceNameTemplate("{node_id}"),
                checkKind: .http))
        let plan = seed.plan([announce("orchestrator-test-1", at: 1)], states: [:], now: 0)
        let registration = try #require(plan.consulRegistrations.first)
        #expect(registration.name == "orchestrator-test-1")
        #expect(registration.check == .http(url: "http://127.0.0.1:8060/health", intervalSeconds: 10))
    }
}

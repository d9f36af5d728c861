import BridgeCore
import BridgeEvents
import Testing

@Suite("Node run logic")
struct NodeRunLogicTests {
    @Test func connectivityOwesAnAnnouncementAfterAnOutageOnly() {
        var kafka = KafkaConnectivity()
        #expect(kafka.state == .unknown)
        #expect(kafka.probeSucceeded() == nil, "a start with Kafka owes nothing")
        #expect(kafka.deliverySucceeded(at: 1) == nil)
        #expect(kafka.lastSuccessfulPublish == 1)
        // One failed probe between two good ones is not an outage: nothing changes, nothing is owed.
        #expect(kafka.probeFailed("transport failure") == nil)
        #expect(kafka.isReachable && kafka.lastFailure == nil)
        #expect(kafka.probeSucceeded() == nil, "no announcement for a single failed probe")
        #expect(kafka.probeFailed("refused") == nil)
        #expect(kafka.probeFailed("refused") == .lost, "two in a row are")
        #expect(kafka.probeFailed("refused") == nil, "lost once")
        #expect(kafka.lastFailure == "refused" && !kafka.isReachable)
        #expect(kafka.probeSucceeded() == .reconnected)
        #expect(kafka.deliverySucceeded(at: 5) == nil, "announced once")
        #expect(kafka.lastFailure == nil)
    }

    @Test func aStartWithoutKafkaAnnouncesOnFirstContact() {
        var kafka = KafkaConnectivity()
        #expect(kafka.probeFailed("down") == nil)
        #expect(kafka.state == .unknown)
        #expect(kafka.probeFailed("down") == .lost)
        #expect(kafka.deliverySucceeded(at: 3) == .reconnected)
        var failedDelivery = KafkaConnectivity()
        _ = failedDelivery.probeSucceeded()
        #expect(failedDelivery.deliveryFailed("timed out") == .lost)
        #expect(failedDelivery.probeSucceeded() == .reconnected)
    }

    @Test func heartbeatsAreSkippedRatherThanQueued() {
        #expect(HeartbeatAdmission.decide(kafka: .reachable, previousUndelivered: false) == .send)
        #expect(HeartbeatAdmission.decide(kafka: .unknown, previousUndelivered: false) == .send)
        guard case .skip = HeartbeatAdmission.decide(kafka: .unreachable, previousUndelivered: false) else {
            Issue.record("sent while Kafka is unreachable")
            return
        }
        guard case .skip = HeartbeatAdmission.decide(kafka: .reachable, previousUndelivered: true) else {
            Issue.record("queued a second heartbeat behind an unacknowledged one")
            return
        }
    }

    @Test func aFleetsHeartbeatsAreSpreadOverTheInterval() {
        let schedules = HeartbeatSchedule.spread(count: 4, intervalSeconds: 2, start: 10, firstDelaySeconds: 0)
        #expect(schedules.map(\.nextDue) == [10, 10.5, 11, 11.5])
        var first = schedules[0]
        first.sent(at: 10)
        #expect(first.nextDue == 12)
        // After an outage a node resumes on its own grid, with one heartbeat.
        var late = schedules[1]
        late.sent(at: 17.2)
        #expect(late.nextDue == 18.5)
    }

    @Test func activeOperationsChanges() throws {
        let set = try ActiveOperationsChange(method: "PUT", action: "active-operations", body: Array(" 7\n".utf8))
        #expect(set == .set(7) && set.applied(to: 2) == 7)
        let object = try ActiveOperationsChange(
            method: "PUT", action: "active-operations", body: Array(#"{"active_operations": 3}"#.utf8))
        #expect(object == .set(3))
        #expect(try ActiveOperationsChange(method: "POST", action: "operations/start", body: []).applied(to: 2) == 3)
        #expect(try ActiveOperationsChange(method: "POST", action: "operations/finish", body: []).applied(to: 0) == 0)
        #expect(throws: BridgeError.self) {
            try ActiveOperationsChange(method: "PUT", action: "active-operations", body: Array("-1".utf8))
        }
        #expect(throws: BridgeError.self) {
            try ActiveOperationsChange(method: "DELETE", action: "operations/start", body: [])
        }
    }

    @Test func healthVerdicts() {
        let url = "http://127.0.0.1:8060/health"
        let healthy = NodeHealthVerdict.judge(
            url: url, status: 200, body: Array(#"{"status":"healthy","kafka":{"reachable":true}}"#.utf8))
        #expect(healthy.passes && healthy.reason == "healthy: kafka reachable")
        let degraded = NodeHealthVerdict.judge(
            url: url, status: 200,
            body: Array(
                #"{"status":"degraded","kafka":{"reachable":false,"last_error":"refused"},"buffered_events":2}"#.utf8))
        #expect(degraded.passes && degraded.reason == "degraded: kafka unreachable (refused), 2 buffered event(s)")
        #expect(!NodeHealthVerdict.judge(url: url, status: 503, body: Array(#"{"status":"unhealthy"}"#.utf8)).passes)
        #expect(!NodeHealthVerdict.judge(url: url, status: 500, body: Array(#"{"status":"healthy"}"#.utf8)).passes)
        #expect(!NodeHealthVerdict.judge(url: url, status: 200, body: Array("ok".utf8)).passes)
    }

    @Test func fleetProfilesAdvertiseTheBoundPortAndTheirOwnHealthPaths() throws {
        let spec = NodeFleetSpec(
            nodeIDs: NodeFleetSpec.simulatedIDs(count: 3, prefix: "sim"), nodeType: .reducer,
            capabilities: ["region": "eu"], endpoints: ["debug": "http://127.0.0.1:{port}/debug/{node_id}"],
            metadata: ["zone": "a", "broadcast_reason": "ignored"], environment: "test", heartbeatIntervalSeconds: 5)
        let profiles = try spec.profiles(port: 4242)
        #expect(profiles.map(\.nodeID) == ["sim-1", "sim-2", "sim-3"])
        #expect(profiles[1].endpoints["health"]?.text == "http://127.0.0.1:4242/nodes/sim-2/health")
        #expect(profiles[1].endpoints["debug"]?.text == "http://127.0.0.1:4242/debug/sim-2")
        #expect(profiles[0].endpoints["aggregation"] != nil && profiles[0].capabilities["region"] == "eu")
        let payload = spec.introspection(of: profiles[0], reason: .reconnect, uptimeSeconds: 1.5)
        #expect(payload.metadata["broadcast_reason"] == "reconnect" && payload.metadata["zone"] == "a")
        #expect(payload.heartbeatIntervalSeconds == 5)
        let single = NodeFleetSpec(
            nodeIDs: ["one"], nodeType: .effect, environment: "dev", heartbeatIntervalSeconds: 30)
        #expect(try single.profiles(port: 80)[0].endpoints["health"]?.text == "http://127.0.0.1:80/health")
        var broken = single
        broken.endpoints["api"] = "http://0.0.0.0:{port}/"
        #expect(throws: BridgeError.self) { try broken.profiles(port: 1) }
    }
}

import BridgeCore
import BridgeEvents
import Testing

/// A seeded generator so the random parts of the node logic are testable.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Node logic")
struct NodeLogicTests {
    func request(
        targets: [NodeType]? = nil, timeout: Int64 = 5000, correlation: EventUUID? = .random()
    )
        -> RegistryIntrospectionRequest
    {
        RegistryIntrospectionRequest(
            registryID: "registry-1", reason: .startup, targetNodeTypes: targets,
            responseTimeoutMilliseconds: timeout, correlationID: correlation)
    }

    @Test func answersOncePerCorrelationInsideTheWindow() {
        var responder = IntrospectionResponder(nodeType: .reducer)
        var generator = SeededGenerator(state: 1)
        let req = request()
        let first = responder.decide(req, eventID: .random(), using: &generator)
        guard case .answer(let delay, let correlation) = first else {
            Issue.record("did not answer")
            return
        }
        #expect((0...4500).contains(delay))
        #expect(correlation == req.correlationID)
        guard case .ignore = responder.decide(req, eventID: .random(), using: &generator) else {
            Issue.record("answered twice")
            return
        }
    }

    @Test func ignoresRequestsForOtherTypes() {
        var responder = IntrospectionResponder(nodeType: .reducer)
        var generator = SeededGenerator(state: 2)
        if case .answer = responder.decide(request(targets: [.orchestrator]), eventID: .random(), using: &generator) {
            Issue.record("answered a request for orchestrators")
        }
        if case .ignore = responder.decide(
            request(targets: [.reducer, .effect]), eventID: .random(), using: &generator)
        {
            Issue.record("ignored a request that targets reducers")
        }
    }

    @Test func delaysSpreadOverTheWindow() {
        var generator = SeededGenerator(state: 3)
        var delays: [Int64] = []
        for _ in 0..<200 {
            var responder = IntrospectionResponder(nodeType: .effect)
            if case .answer(let delay, _) = responder.decide(
                request(timeout: 10_000), eventID: .random(), using: &generator)
            {
                delays.append(delay)
            }
        }
        #expect(delays.count == 200)
        let early = delays.filter { $0 < 1_000 }.count
        #expect(early < 50, "\(early) of 200 answers in the first 10% of the window")
        #expect(delays.max()! > 7_000)
    }

    @Test func requestsWithoutCorrelationAreKeyedByEventID() {
        var responder = IntrospectionResponder(nodeType: .effect, memory: 2)
        var generator = SeededGenerator(state: 4)
        let req = request(correlation: nil)
        let id = EventUUID.random()
        if case .ignore = responder.decide(req, eventID: id, using: &generator) { Issue.record("ignored") }
        if case .answer = responder.decide(req, eventID: id, using: &generator) { Issue.record("answered twice") }
        if case .ignore = responder.decide(req, eventID: .random(), using: &generator) {
            Issue.record("ignored a new request")
        }
    }

    @Test func heartbeatScheduleIsPromptThenOnAGridWithoutBursts() {
        var schedule = HeartbeatSchedule(intervalSeconds: 1, start: 100)
        #expect(!schedule.isDue(at: 100))
        #expect(schedule.isDue(at: 100.1))
        schedule.sent(at: 100.1)
        #expect(schedule.nextDue == 101.1)
        schedule.sent(at: 101.15)  // a little late: the grid does not drift
        #expect(abs(schedule.nextDue - 102.1) < 1e-9)
        // An outage of 10 intervals: one heartbeat, then the next slot, not ten catch-ups.
        schedule.sent(at: 112.5)
        #expect(abs(schedule.nextDue - 113.1) < 1e-9)
        #expect(!schedule.isDue(at: 112.6))
    }

    @Test func healthFollowsKafkaAndTheBuffer() {
        #expect(NodeHealth.assess(kafkaReachable: true, bufferedEvents: 0, bufferLimit: 10) == .healthy)
        #expect(NodeHealth.assess(kafkaReachable: false, bufferedEvents: 3, bufferLimit: 10) == .degraded)
        #expect(NodeHealth.assess(kafkaReachable: false, bufferedEvents: 10, bufferLimit: 10) == .unhealthy)
        #expect(NodeHealth.degraded.httpStatus == 200)
        #expect(NodeHealth.unhealthy.httpStatus == 503)
    }

    @Test func standardProfilesCarryTheSeedsEndpointsAndCapabilities() throws {
        let orchestrator = try NodeProfile.standard(
            nodeID: "orchestrator-test-1", nodeType: .orchestrator, baseURL: "http://127.0.0.1:8060",
            environment: "dev", heartbeatIntervalSeconds: 30)
        #expect(Set(orchestrator.endpoints.keys) == ["health", "api", "metrics", "orchestration"])
        let reducer = try NodeProfile.standard(
            nodeID: "reducer-test-1", nodeType: .reducer, baseURL: "http://127.0.0.1:8061",
            healthPath: "/nodes/reducer-test-1/health", environment: "dev", heartbeatIntervalSeconds: 30)
        #expect(reducer.endpoints["aggregation"]?.text == "http://127.0.0.1:8061/aggregate")
        #expect(reducer.endpoints["health"]?.path == "/nodes/reducer-test-1/health")
        for key in ["node_type", "supported_operations", "fsm_states", "service_integration"] {
            #expect(reducer.capabilities[key] != nil)
        }
        let event = reducer.introspection(reason: .startup, uptimeSeconds: 1.23456)
        #expect(event.heartbeatIntervalSeconds == 30)
        #expect(event.broadcastReason == .startup)
        // What a node announces passes the contract.
        let bytes = EventCodec.encode(EventEnvelope(payload: .introspection(event)))
        #expect(throws: Never.self) { try EventCodec.decode(bytes) }
        #expect(throws: BridgeError.self) {
            try NodeProfile.standard(
                nodeID: "x", nodeType: .effect, baseURL: "http://0.0.0.0:1", environment: "dev",
                heartbeatIntervalSeconds: 1)
        }
    }

    @Test func resourceSamplerReadsThisProcess() {
        var sampler = ResourceSampler()
        let first = sampler.sample(wallSeconds: 0)
        #expect((first.memoryMB ?? 0) > 1)
        #expect(first.cpuPercent == nil)
        var x = 0.0
        for i in 0..<2_000_000 { x += Double(i).squareRoot() }
        let second = sampler.sample(wallSeconds: 0.5)
        #expect(second.cpuPercent != nil && x > 0)
        #expect((second.memoryPercent ?? 0) > 0)
    }
}

@Suite("Registry policies")
struct RegistryPolicyTests {
    @Test func backoffGrowsToItsCapWithJitter() {
        var backoff = RetryBackoff(baseSeconds: 0.1, capSeconds: 2)
        var generator = SeededGenerator(state: 9)
        var ceilings: [Double] = []
        for _ in 0..<8 {
            ceilings.append(backoff.ceilingSeconds)
            let delay = backoff.nextDelay(using: &generator)
            #expect(delay >= 0 && delay <= ceilings.last!)
        }
        #expect(ceilings == [0.1, 0.2, 0.4, 0.8, 1.6, 2, 2, 2])
        backoff.reset()
        #expect(backoff.ceilingSeconds == 0.1)
    }

    @Test func livenessStates() {
        let policy = LivenessPolicy(staleAfterSeconds: 90, evictAfterSeconds: 300)
        #expect(policy.state(silentSeconds: 10, nodeHeartbeatInterval: nil) == .live)
        #expect(policy.state(silentSeconds: 95, nodeHeartbeatInterval: nil) == .stale)
        #expect(policy.state(silentSeconds: 301, nodeHeartbeatInterval: nil) == .evict)
        // A node announcing a 1 s interval is stale after 3 s.
        #expect(policy.state(silentSeconds: 3.5, nodeHeartbeatInterval: 1) == .stale)
        // Eviction never comes before staleness, whatever the intervals.
        #expect(policy.state(silentSeconds: 301, nodeHeartbeatInterval: 200) == .live)
        #expect(policy.state(silentSeconds: 600, nodeHeartbeatInterval: 200) == .evict)
    }

    @Test func blindnessPausesEviction() {
        let policy = LivenessPolicy(staleAfterSeconds: 90, evictionPauseFraction: 0.3)
        #expect(
            policy.blindness(kafkaReachable: true, lagGrowing: false, silentFraction: 0.1)
                == nil)
        #expect(
            policy.blindness(kafkaReachable: false, lagGrowing: false, silentFraction: 0)
                != nil)
        #expect(
            policy.blindness(kafkaReachable: true, lagGrowing: true, silentFraction: 0)
                != nil)
        #expect(
            policy.blindness(kafkaReachable: true, lagGrowing: false, silentFraction: 0.5)?
                .contains("50%") == true)
        #expect(LivenessPolicy.reannounceWindowSeconds(heartbeatInterval: 30, responseTimeoutMilliseconds: 5000) == 60)
        #expect(LivenessPolicy.reannounceWindowSeconds(heartbeatInterval: 1, responseTimeoutMilliseconds: 5000) == 10)
    }

    @Test func correlationTrackerNamesTheSilentNodes() {
        let id = EventUUID.random()
        var tracker = CorrelationTracker(correlationID: id, expected: ["a", "b", "c"])
        let answered = tracker.record(nodeID: "a", correlationID: id)
        let otherRequest = tracker.record(nodeID: "b", correlationID: .random())
        let uncorrelated = tracker.record(nodeID: "b", correlationID: nil)
        #expect(answered && !otherRequest && !uncorrelated)
        tracker.record(nodeID: "d", correlationID: id)
        #expect(tracker.missing == ["b", "c"])
        #expect(tracker.newcomers == ["d"])
    }

    @Test func serviceNameTemplates() throws {
        #expect(
            ConsulServiceNameTemplate.standard.render(
                nodeID: "orchestrator-test-1", nodeType: .orchestrator, environment: "dev", nodeRole: nil)
                == "orchestrator")
        let seedStyle = try ConsulServiceNameTemplate("{node_id}")
        #expect(
            seedStyle.render(nodeID: "orchestrator-test-1", nodeType: .orchestrator, environment: "dev", nodeRole: nil)
                == "orchestrator-test-1")
        #expect(seedStyle.render(nodeID: "a.b:c_d", nodeType: .effect, environment: "dev", nodeRole: nil) == "a-b-c-d")
        let env = try ConsulServiceNameTemplate("{environment}-{node_type}")
        #expect(env.render(nodeID: "x", nodeType: .reducer, environment: "staging", nodeRole: nil) == "staging-reducer")
        #expect(throws: BridgeError.self) { try ConsulServiceNameTemplate("{nodeid}") }
        #expect(throws: BridgeError.self) { try ConsulServiceNameTemplate("{node_id") }
        #expect(throws: BridgeError.self) { try ConsulServiceNameTemplate("svc/{node_id}") }
        #expect(throws: BridgeError.self) { try ConsulServiceNameTemplate("") }
    }
}

@Suite("REPL line splitting")
struct CommandLineSplitterTests {
    @Test(arguments: [
        ("inspect consul --output json", ["inspect", "consul", "--output", "json"]),
        ("  introspect   --node-id n1  ", ["introspect", "--node-id", "n1"]),
        (#"introspect --metadata 'team={"a": 1}'"#, ["introspect", "--metadata", #"team={"a": 1}"#]),
        (#"x "a b" "c\"d" "e\\f" "g\h""#, ["x", "a b", #"c"d"#, #"e\f"#, #"g\h"#]),
        (#"a\ b c"#, ["a b", "c"]),
        ("status # the rest is a comment", ["status"]),
        ("", []),
        ("''", [""]),
    ])
    func splits(_ line: String, _ expected: [String]) throws {
        #expect(try CommandLineSplitter.split(line) == expected)
    }

    @Test func unterminatedQuotesAreErrors() {
        #expect(throws: CommandLineSplitter.Problem.self) { try CommandLineSplitter.split("a 'b") }
        #expect(throws: CommandLineSplitter.Problem.self) { try CommandLineSplitter.split("a \"b") }
    }
}

import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// One test per scenario of the seed's "What's Tested" and "Test Scenarios" sections
/// (TWO_WAY_REGISTRATION_TESTS.md), caused as DESIGN.md §5 says, with real `bridgectl` processes —
/// `dev broker`, `dev consul`, `registry run`, `node run` — and the throwaway PostgreSQL; the stores
/// are read with independent clients: kcat, curl, psql. (Performance and load, section 8 and
/// scenario 4's latencies, are `bridgectl bench`'s.)
@Suite(
    "end to end: the seed's two-way registration scenarios", .serialized,
    .enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
struct TwoWayRegistrationEndToEndTests {
    // MARK: - Helpers

    /// Every envelope on `topic`, decoded (kcat reads, our contract decodes).
    static func events(_ stack: RegistryStack, _ topic: String) async throws -> [EventEnvelope] {
        let read = try await Kcat.consumeAll(brokers: stack.broker.bootstrap, topic: topic)
        return read.stdout.split(separator: "\n").compactMap { try? EventCodec.decode(Array($0.utf8)) }
    }

    static func node(
        _ stack: RegistryStack, _ id: String, type: String = "orchestrator", interval: Double = 1,
        environment: String? = nil
    ) async throws -> NodeRunProcess {
        var variables: [String: String] = [:]
        if let environment { variables["ENVIRONMENT"] = environment }
        return try await NodeRunProcess.start(
            [
                "--node-id", id, "--node-type", type, "--heartbeat-interval", String(interval), "--brokers",
                stack.broker.bootstrap,
            ], environment: variables)
    }

    static func registry(_ stack: RegistryStack, port: Int? = nil) async throws -> RegistryProcess {
        try await stack.startRegistry(["--heartbeat-interval", "1", "--response-timeout-ms", "1000"], port: port)
    }

    /// Whether `id` has a passing check in Consul and a live row in PostgreSQL.
    static func inBothStores(_ stack: RegistryStack, _ id: String) async -> Bool {
        guard let checks = try? await stack.consulCheckStatuses(), checks["service:\(id)"] == "passing" else {
            return false
        }
        let row = try? stack.psql(
            "SELECT count(*) FROM node_registrations WHERE node_id = '\(id)' AND deregistered_at IS NULL")
        return row == "1"
    }

    static func waitInBothStores(_ stack: RegistryStack, _ ids: [String], timeout: Double = 30) async throws {
        try await Wait.until("\(ids.joined(separator: ", ")) in Consul and PostgreSQL", timeout: timeout, interval: 0.2)
        {
            for id in ids where !(await inBothStores(stack, id)) { return false }
            return true
        }
    }

    // MARK: - What's Tested

    /// 1. Node startup and introspection broadcasting.
    @Test func nodeStartupAndIntrospectionBroadcasting() async throws {
        try await RegistryStack.with { stack in
            let node = try await Self.node(stack, "orchestrator-e2e-1")
            defer { Task { _ = await node.stop() } }
            try await node.waitForOutput("announced", timeout: 30)
            var announced: EventEnvelope?
            try await Wait.until("NODE_INTROSPECTION on Kafka", timeout: 15, interval: 0.2) {
                announced = try await Self.events(stack, TopicNames.defaultIntrospection).first {
                    $0.payload.nodeID == "orchestrator-e2e-1"
                }
                return announced != nil
            }
            let envelope = try #require(announced)
            #expect(envelope.eventType == .nodeIntrospection)
            guard case .introspection(let payload) = envelope.payload else {
                Issue.record("not an introspection: \(envelope)")
                return
            }
            #expect(payload.nodeType == .orchestrator)
            #expect(payload.broadcastReason == .startup)
            let capabilities = payload.capabilities.keys
            for key in ["node_type", "supported_operations", "fsm_states", "service_integration"] {
                #expect(capabilities.contains(key), "capability \(key) in \(capabilities.sorted())")
            }
            for key in ["health", "api", "metrics", "orchestration"] {
                let url = payload.endpoints[key]?.description ?? ""
                #expect(url.hasPrefix("http://127.0.0.1:\(node.port)"), "endpoint \(key): \(url)")
            }
            // The advertised health endpoint is the node's own and answers.
            let health = try await CurlTool.get(payload.endpoints["health"]?.description ?? "")
            #expect(health.status == 200)
        }
    }

    /// 2. Registry receives and dual-registers (and scenario 1, normal operation).
    @Test func registryReceivesAndDualRegisters() async throws {
        try await RegistryStack.with { stack in
            let registry = try await Self.registry(stack)
            let node = try await Self.node(stack, "orchestrator-e2e-2")
            defer { Task { _ = await node.stop() } }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-2"])
            let services = try await stack.consulJSON("/v1/agent/services") as? [String: [String: Any]] ?? [:]
            let service = try #require(services["orchestrator-e2e-2"])
            #expect(service["Service"] as? String == "orchestrator")
            #expect((service["Port"] as? Int) == node.port)
            // The node's first heartbeat may say degraded while its Kafka connection is still being
            // confirmed on a loaded machine; it settles at healthy.
            var row = ""
            do {
                try await Wait.until("the row to read orchestrator|healthy|<health URL>", timeout: 15, interval: 0.2) {
                    row = try stack.psql(
                        "SELECT node_type || '|' || health_status || '|' || coalesce(health_endpoint, '-') FROM node_registrations WHERE node_id = 'orchestrator-e2e-2'"
                    )
                    return row == "orchestrator|healthy|\(node.baseURL)/health"
                }
            } catch {
                Issue.record("row: \(row)")
                throw error
            }
            // The seed's tool-registry view sees it too.
            #expect(
                try stack.psql("SELECT count(*) FROM tool_registrations WHERE node_id = 'orchestrator-e2e-2'") == "1")
            // Heartbeats keep the row current (scenario 1, step 3).
            let first = try stack.psql(
                "SELECT last_heartbeat FROM node_registrations WHERE node_id = 'orchestrator-e2e-2'")
            try await Wait.until("last_heartbeat to move", timeout: 10, interval: 0.2) {
                try stack.psql("SELECT last_heartbeat FROM node_registrations WHERE node_id = 'orchestrator-e2e-2'")
                    != first
            }
            #expect(try await registry.health().status == 200)
        }
    }

    /// 3. Registry startup requests re-introspection; nodes answer once with its correlation id.
    @Test func registryStartupRequestsReIntrospection() async throws {
        try await RegistryStack.with { stack in
            let orchestrator = try await Self.node(stack, "orchestrator-e2e-3")
            let reducer = try await Self.node(stack, "reducer-e2e-3", type: "reducer")
            defer {
                Task {
                    _ = await orchestrator.stop()
                    _ = await reducer.stop()
                }
            }
            try await orchestrator.waitForOutput("announced")
            try await reducer.waitForOutput("announced")
            _ = try await Self.registry(stack)
            var correlation: EventUUID?
            try await Wait.until("REGISTRY_REQUEST_INTROSPECTION", timeout: 15, interval: 0.2) {
                let requests = try await Self.events(stack, TopicNames.defaultRegistryRequest)
                correlation = requests.last?.correlationID
                if case .request(let request)? = requests.last?.payload, correlation == nil {
                    correlation = request.correlationID
                }
                return correlation != nil
            }
            let id = try #require(correlation)
            var answers: [EventEnvelope] = []
            try await Wait.until("both nodes to answer", timeout: 15, interval: 0.2) {
                answers = try await Self.events(stack, TopicNames.defaultIntrospection).filter { envelope in
                    guard case .introspection(let node) = envelope.payload else { return false }
                    return node.broadcastReason == .registryRequest && node.correlationID == id
                }
                return Set(answers.compactMap(\.payload.nodeID)) == ["orchestrator-e2e-3", "reducer-e2e-3"]
            }
            try await Task.sleep(for: .seconds(2))
            answers = try await Self.events(stack, TopicNames.defaultIntrospection).filter { envelope in
                guard case .introspection(let node) = envelope.payload else { return false }
                return node.correlationID == id
            }
            #expect(answers.count == 2, "each node answers exactly once")
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-3", "reducer-e2e-3"])
        }
    }

    /// 4. Heartbeat periodic publishing: interval, uptime and active operations, as stored.
    @Test func heartbeatPeriodicPublishing() async throws {
        try await RegistryStack.with { stack in
            _ = try await Self.registry(stack)
            let node = try await Self.node(stack, "orchestrator-e2e-4")
            defer { Task { _ = await node.stop() } }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-4"])
            #expect(try await CurlTool.put(node.baseURL + "/control/active-operations", "7").status == 200)
            try await Wait.until("active operations 7 and uptime ≥ 3 in PostgreSQL", timeout: 15, interval: 0.2) {
                try stack.psql(
                    "SELECT active_operations = 7 AND uptime_seconds >= 3 FROM node_registrations WHERE node_id = 'orchestrator-e2e-4'"
                ) == "t"
            }
            try await Task.sleep(for: .seconds(4))
            let beats = try await Self.events(stack, TopicNames.defaultHeartbeat).compactMap {
                envelope -> NodeHeartbeat? in
                guard case .heartbeat(let beat) = envelope.payload, beat.nodeID == "orchestrator-e2e-4" else {
                    return nil
                }
                return beat
            }
            #expect(beats.count >= 6, "\(beats.count) heartbeats at a 1 s interval")
            let uptimes = beats.map(\.uptimeSeconds)
            #expect(uptimes == uptimes.sorted(), "uptime never goes back: \(uptimes)")
            #expect(beats.last?.activeOperations == 7)
        }
    }

    /// 5. Registry recovery (and scenario 2): crash, Consul wiped, restart → everything back, nodes never stopped.
    @Test func registryRecovery() async throws {
        try await RegistryStack.with { stack in
            let port = FreePort.allocate()
            let first = try await Self.registry(stack, port: port)
            let orchestrator = try await Self.node(stack, "orchestrator-e2e-5")
            let reducer = try await Self.node(stack, "reducer-e2e-5", type: "reducer")
            defer {
                Task {
                    _ = await orchestrator.stop()
                    _ = await reducer.stop()
                }
            }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-5", "reducer-e2e-5"])
            first.process.signal(SIGKILL)
            _ = try await first.process.waitForExit(timeout: 10)
            try await stack.restartConsulEmpty()
            try await Task.sleep(for: .seconds(2))
            // The nodes keep running while the registry is away.
            #expect(orchestrator.process.isRunning && reducer.process.isRunning)
            #expect(try await CurlTool.get(orchestrator.baseURL + "/health").status == 200)
            let restartedAt = Date()
            _ = try await Self.registry(stack, port: port)
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-5", "reducer-e2e-5"], timeout: 40)
            let seconds = restartedAt.timeIntervalSince1970
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE '%-e2e-5' AND last_event_at > to_timestamp(\(seconds))"
                ) == "2", "both re-announced after the restart")
        }
    }

    /// 6. Multiple nodes registration, with namespace (environment) isolation.
    @Test func multipleNodesRegistration() async throws {
        try await RegistryStack.with { stack in
            _ = try await Self.registry(stack)
            async let orchestrator = Self.node(stack, "orchestrator-e2e-6")
            async let reducer = Self.node(stack, "reducer-e2e-6", type: "reducer")
            async let foreign = Self.node(stack, "orchestrator-staging-6", environment: "staging")
            let nodes = try await [orchestrator, reducer, foreign]
            defer { Task { for node in nodes { _ = await node.stop() } } }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-6", "reducer-e2e-6"])
            try await foreign.waitForOutput("announced")
            try await Task.sleep(for: .seconds(2))
            #expect(
                try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id = 'orchestrator-staging-6'")
                    == "0")
            #expect(!(try await stack.consulServiceIDs()).contains("orchestrator-staging-6"))
            #expect(
                try stack.psql("SELECT DISTINCT environment FROM node_registrations WHERE node_id LIKE '%-e2e-6'")
                    == "dev")
        }
    }

    /// 7. Graceful degradation: nodes without Kafka.
    @Test func gracefulDegradationWithoutKafka() async throws {
        try await RegistryStack.with { stack in
            _ = try await Self.registry(stack)
            let node = try await Self.node(stack, "orchestrator-e2e-7k")
            defer { Task { _ = await node.stop() } }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-7k"])
            #expect(try await stack.broker.down().status == 0)
            // Generous: on a loaded machine a probe to the downed broker has taken long past its timeout.
            try await Wait.until("the node to report degraded", timeout: 60, interval: 0.3) {
                let health = try await CurlTool.get(node.baseURL + "/health")
                return health.status == 200 && health.body.contains("\"degraded\"")
            }
            #expect(node.process.isRunning)
            #expect(try await stack.broker.up().status == 0)
            try await Wait.until("the node healthy again", timeout: 30, interval: 0.3) {
                let health = try await CurlTool.get(node.baseURL + "/health")
                return health.status == 200 && health.body.contains("\"healthy\"")
            }
            try await Wait.until("a reconnect announcement", timeout: 30, interval: 0.3) {
                try await Self.events(stack, TopicNames.defaultIntrospection).contains { envelope in
                    guard case .introspection(let payload) = envelope.payload else { return false }
                    return payload.nodeID == "orchestrator-e2e-7k" && payload.broadcastReason == .reconnect
                }
            }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-7k"])
        }
    }

    /// 7. Graceful degradation: the registry without Consul (partial, then complete without a restart).
    @Test func gracefulDegradationWithoutConsul() async throws {
        try await RegistryStack.with { stack in
            let registry = try await Self.registry(stack)
            await stack.killConsul()
            let node = try await Self.node(stack, "orchestrator-e2e-7c")
            defer { Task { _ = await node.stop() } }
            try await Wait.until("a pending_register row", timeout: 30, interval: 0.2) {
                try stack.psql("SELECT consul_state FROM node_registrations WHERE node_id = 'orchestrator-e2e-7c'")
                    == "pending_register"
            }
            #expect(registry.process.isRunning)
            try await stack.startConsul()
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-7c"], timeout: 30)
            try await Wait.until("consul_state registered", timeout: 15, interval: 0.2) {
                try stack.psql("SELECT consul_state FROM node_registrations WHERE node_id = 'orchestrator-e2e-7c'")
                    == "registered"
            }
            let complete = try await BridgectlBinary.run(
                ["inspect", "diff", "--node-id", "orchestrator-e2e-7c"] + stack.connectionArguments)
            #expect(complete.status == 0, "complete: \(complete.stdout) \(complete.stderr)")
        }
    }

    /// 7. Graceful degradation: the registry without PostgreSQL (Consul served, then complete).
    @Test func gracefulDegradationWithoutPostgreSQL() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.destroy() }
        try await RegistryStack.with(databaseURL: cluster.url) { stack in
            let registry = try await Self.registry(stack)
            try cluster.stop()
            let node = try await Self.node(stack, "orchestrator-e2e-7p")
            defer { Task { _ = await node.stop() } }
            try await Wait.until("the node in Consul while PostgreSQL is down", timeout: 30, interval: 0.2) {
                (try? await stack.consulCheckStatuses())?["service:orchestrator-e2e-7p"] == "passing"
            }
            try await Wait.until("the registry to report PostgreSQL down (503)", timeout: 30, interval: 0.2) {
                (try? await registry.health().status) == 503
            }
            #expect(registry.process.isRunning)
            try cluster.start()
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-7p"], timeout: 60)
            try await Wait.until("the registry healthy again", timeout: 30, interval: 0.3) {
                (try? await registry.health().status) == 200
            }
        }
    }

    // MARK: - Test Scenarios

    /// Scenario 3: partial service failure, all three in turn, each recovered without restarts.
    @Test func scenarioPartialServiceFailure() async throws {
        try await RegistryStack.with { stack in
            let registry = try await Self.registry(stack)
            let node = try await Self.node(stack, "orchestrator-e2e-s3")
            defer { Task { _ = await node.stop() } }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-s3"])
            // Consul away: a new node lands in PostgreSQL only, as pending.
            await stack.killConsul()
            let second = try await Self.node(stack, "reducer-e2e-s3", type: "reducer")
            defer { Task { _ = await second.stop() } }
            try await Wait.until("reducer-e2e-s3 pending in PostgreSQL", timeout: 30, interval: 0.2) {
                try stack.psql("SELECT consul_state FROM node_registrations WHERE node_id = 'reducer-e2e-s3'")
                    == "pending_register"
            }
            try await stack.startConsul()
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-s3", "reducer-e2e-s3"], timeout: 30)
            // Kafka away: the nodes are degraded, not down; back, they are healthy and registered.
            #expect(try await stack.broker.down().status == 0)
            try await Wait.until("degraded", timeout: 30, interval: 0.3) {
                (try await CurlTool.get(second.baseURL + "/health")).body.contains("\"degraded\"")
            }
            #expect(try await stack.broker.up().status == 0)
            try await Wait.until("healthy", timeout: 30, interval: 0.3) {
                (try await CurlTool.get(second.baseURL + "/health")).body.contains("\"healthy\"")
            }
            try await Self.waitInBothStores(stack, ["orchestrator-e2e-s3", "reducer-e2e-s3"], timeout: 30)
            #expect(registry.process.isRunning && node.process.isRunning && second.process.isRunning)
        }
    }

    /// Scenario 4: high load — 100 nodes start at once; all registered, nothing lost (timings: `bench`).
    @Test func scenarioHighLoad() async throws {
        try await RegistryStack.with { stack in
            _ = try await Self.registry(stack)
            let fleet = try await NodeRunProcess.start([
                "--count", "100", "--node-id-prefix", "load-e2e", "--heartbeat-interval", "5", "--brokers",
                stack.broker.bootstrap,
            ])
            defer { Task { _ = await fleet.stop() } }
            try await Wait.until("100 nodes in both stores", timeout: 60, interval: 0.3) {
                let rows = try? stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'load-e2e-%' AND deregistered_at IS NULL"
                )
                let checks = (try? await stack.consulCheckStatuses()) ?? [:]
                let passing = checks.filter { $0.key.hasPrefix("service:load-e2e-") && $0.value == "passing" }.count
                return rows == "100" && passing == 100
            }
            let dlq = try await Kcat.consumeAll(
                brokers: stack.broker.bootstrap, topic: TopicNames.defaultIntrospection + ".dlq")
            #expect(dlq.stdout.isEmpty, "no dead letters")
        }
    }
}

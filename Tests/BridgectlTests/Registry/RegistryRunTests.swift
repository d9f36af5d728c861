import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// `registry run` against real processes (issue 8): dev broker, dev consul, the throwaway PostgreSQL,
/// checked with independent clients (psql, curl, kcat).
@Suite(
    "registry run: consume, validate, dual-register, commit only what is durable", .serialized,
    .enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
struct RegistryRunTests {
    @Test func oneNodeLandsInBothStoresWithAPassingCheck() async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry(["--heartbeat-interval", "3600"])
            let nodeID = "orchestrator-test-1"
            let published = try await BridgectlBinary.run(
                [
                    "introspect", "--node-id", nodeID, "--node-type", "orchestrator", "--endpoint",
                    "api=http://127.0.0.1:8060", "--endpoint", "health=http://127.0.0.1:8060/health", "--metadata",
                    "heartbeat_interval_seconds=10", "--brokers", stack.broker.bootstrap,
                ])
            #expect(published.status == 0, "\(published.stderr)")
            let acknowledged = Date()
            var inConsul: Date?
            var inPostgres: Date?
            try await Wait.until("\(nodeID) in Consul and PostgreSQL", timeout: 30, interval: 0.002) {
                if inConsul == nil, try await stack.consulCheckStatuses()["service:\(nodeID)"] == "passing" {
                    inConsul = Date()
                }
                if inPostgres == nil,
                    try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id = '\(nodeID)'") == "1"
                {
                    inPostgres = Date()
                }
                return inConsul != nil && inPostgres != nil
            }
            let consulMs = (inConsul!.timeIntervalSince(acknowledged) * 1000).rounded()
            let postgresMs = (inPostgres!.timeIntervalSince(acknowledged) * 1000).rounded()
            print(
                "registry run: ack → Consul ≤ \(consulMs) ms, ack → PostgreSQL ≤ \(postgresMs) ms (polled with curl/psql)"
            )

            // Consul: the service as DESIGN.md §4.5/§4.11 says, under the node type's name.
            let entries =
                try await stack.consulJSON("/v1/health/service/orchestrator?passing") as? [[String: Any]] ?? []
            let entry = try #require(entries.first { ($0["Service"] as? [String: Any])?["ID"] as? String == nodeID })
            let service = entry["Service"] as? [String: Any] ?? [:]
            #expect(Set(service["Tags"] as? [String] ?? []) == ["orchestrator", "dev", "omninode_bridge"])
            let meta = service["Meta"] as? [String: String] ?? [:]
            #expect(meta["node_type"] == "orchestrator" && meta["environment"] == "dev" && meta["registry_id"] != nil)
            #expect(service["Address"] as? String == "127.0.0.1" && service["Port"] as? Int == 8060)
            // PostgreSQL: the row and the seed's tool_registrations view.
            #expect(
                try stack.psql(
                    "SELECT node_type, consul_state, consul_service_id, health_endpoint, environment FROM node_registrations WHERE node_id = '\(nodeID)'"
                ) == "orchestrator|registered|\(nodeID)|http://127.0.0.1:8060/health|dev")
            #expect(try stack.psql("SELECT node_id FROM tool_registrations WHERE node_id = '\(nodeID)'") == nodeID)

            // The registry registered itself the same way (effect, role registry, its real endpoints).
            let selfRow = try stack.psql(
                "SELECT node_id, node_type, node_role, health_endpoint FROM node_registrations WHERE node_role = 'registry'"
            )
            #expect(selfRow.hasSuffix("|effect|registry|http://127.0.0.1:\(registry.port)/health"), "\(selfRow)")
            let registryID = String(selfRow.prefix { $0 != "|" })
            try await Wait.until("the registry in Consul", timeout: 15) {
                try await stack.consulServiceIDs().contains(registryID)
            }

            // A heartbeat moves last_heartbeat and passes nothing it should not.
            let before = try stack.psql("SELECT last_heartbeat FROM node_registrations WHERE node_id = '\(nodeID)'")
            let beat = try await BridgectlBinary.run(
                [
                    "heartbeat", "--node-id", nodeID, "--node-type", "orchestrator", "--uptime", "42",
                    "--active-operations", "3", "--brokers", stack.broker.bootstrap,
                ])
            #expect(beat.status == 0, "\(beat.stderr)")
            try await Wait.until("the heartbeat in PostgreSQL", timeout: 15) {
                try stack.psql(
                    "SELECT uptime_seconds, active_operations FROM node_registrations WHERE node_id = '\(nodeID)'")
                    == "42|3"
            }
            #expect(
                try stack.psql("SELECT last_heartbeat FROM node_registrations WHERE node_id = '\(nodeID)'") != before)

            let health = try await registry.health()
            #expect(health.status == 200 && health.body["status"] as? String == "healthy", "\(health.body)")
            let metrics = try await registry.metrics()
            #expect((metrics["bridge_registry_registration_latency_seconds_count"] ?? 0) >= 2)
            #expect((metrics["bridge_registry_commits_total"] ?? 0) >= 1)
        }
    }

    @Test func killedMidBurstWithConsulWipedLosesNothing() async throws {
        try await RegistryStack.with { stack in
            let port = FreePort.allocate()
            let first = try await stack.startRegistry(
                ["--heartbeat-interval", "3600", "--batch-size", "20"], port: port)
            let ids = (1...1000).map { String(format: "burst-%04d", $0) }
            var newest: [String: EventUUID] = [:]
            var firstWave: [EventEnvelope] = []
            for id in ids {
                let event = try RegistryStack.introspection(id, port: 9000)
                firstWave.append(event)
                newest[id] = event.eventID
            }
            // 200 nodes announce again with a changed endpoint: their newest event is the second.
            var secondWave: [EventEnvelope] = []
            for id in ids.prefix(200) {
                let event = try RegistryStack.introspection(id, port: 9001)
                secondWave.append(event)
                newest[id] = event.eventID
            }
            // Small batches, so that the kill lands between batches and inside one.
            try await stack.produce(firstWave + secondWave, topic: TopicNames.defaultIntrospection)
            try await Wait.until("the registry to be mid-burst", timeout: 30, interval: 0.005) {
                (Int(try stack.psql("SELECT count(*) FROM node_registrations")) ?? 0) >= 100
            }
            first.process.signal(SIGKILL)
            _ = try await first.process.waitForExit(timeout: 10)
            let writtenWhenKilled = Int(try stack.psql("SELECT count(*) FROM node_registrations")) ?? 0
            try await stack.restartConsulEmpty()
            #expect(try await stack.consulServiceIDs().isEmpty)

            let restartedAt = Date()
            let second = try await stack.startRegistry(["--heartbeat-interval", "3600"], port: port)
            // The first 100 nodes are alive: they answer the restarted registry's request.
            let request = try await Self.latestRequest(stack)
            // Killed, not stopped: the restarted registry asks with reason `recovery`.
            #expect(request.reason == .recovery)
            var answers: [EventEnvelope] = []
            for id in ids.prefix(100) {
                let answer = try RegistryStack.introspection(
                    id, port: 9001, reason: .registryRequest, correlationID: request.correlationID)
                answers.append(answer)
                newest[id] = answer.eventID
            }
            try await stack.produce(answers, topic: TopicNames.defaultIntrospection)

            var mismatched: [String] = []
            do {
                try await Wait.until("every node's newest event in PostgreSQL", timeout: 60, interval: 0.2) {
                    let rows = try stack.psql(
                        "SELECT node_id, last_event_id FROM node_registrations WHERE node_id LIKE 'burst-%'")
                    var stored: [String: String] = [:]
                    for line in rows.split(separator: "\n") {
                        let parts = line.split(separator: "|")
                        if parts.count == 2 { stored[String(parts[0])] = String(parts[1]) }
                    }
                    mismatched = newest.filter { stored[$0.key] != $0.value.description }.map(\.key).sorted()
                    return mismatched.isEmpty
                }
            } catch {
                let metrics = (try? await second.metrics()) ?? [:]
                let onTopic = try await Kcat.consumeAll(
                    brokers: stack.broker.bootstrap, topic: TopicNames.defaultIntrospection, format: "%k %p %o\\n")
                let missingOnTopic = mismatched.prefix(3).map { id in
                    onTopic.stdout.split(separator: "\n").filter { $0.hasPrefix(id + " ") }.joined(separator: ";")
                }
                print(
                    "rows: \(try stack.psql("SELECT count(*) FROM node_registrations")); on topic: \(missingOnTopic); metrics: \(metrics.filter { $0.key.contains("events") })"
                )
                print(
                    try await BridgectlBinary.run([
                        "inspect", "kafka", "--group", "bridge-registry-group", "--partitions", "--brokers",
                        stack.broker.bootstrap,
                    ]).stdout)
                Issue.record(
                    "\(mismatched.count) nodes without their newest event, e.g. \(mismatched.prefix(5)); registry log: \(second.process.stderr.suffix(3000))"
                )
                throw error
            }
            let answeredIDs = ids.prefix(100).map { "'\($0)'" }.joined(separator: ",")
            let seconds = restartedAt.timeIntervalSince1970
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id IN (\(answeredIDs)) AND last_event_at > to_timestamp(\(seconds))"
                ) == "100")
            try await Wait.until("Consul to hold exactly PostgreSQL's live nodes", timeout: 30, interval: 0.2) {
                let live = try stack.liveRowIDs()
                let services = try await stack.consulServiceIDs()
                return live.count == 1001 && services == live
            }
            let checks = try await stack.consulCheckStatuses()
            #expect(ids.allSatisfy { checks["service:\($0)"] == "passing" })

            var lastInspection = ""
            var offsetsCaughtUp = false
            defer { if !offsetsCaughtUp { print("inspect kafka: \(lastInspection)") } }
            try await Wait.until("committed offsets to reach the end offsets", timeout: 30, interval: 0.25) {
                let inspection = try await BridgectlBinary.run(
                    [
                        "inspect", "kafka", "--group", "bridge-registry-group", "--topic",
                        TopicNames.defaultIntrospection,
                        "--topic", TopicNames.defaultHeartbeat, "--output", "json", "--brokers", stack.broker.bootstrap,
                    ])
                guard inspection.status == 0,
                    let json = try JSONSerialization.jsonObject(with: Data(inspection.stdout.utf8)) as? [String: Any],
                    let group = json["group"] as? [String: Any],
                    let partitions = group["partitions"] as? [[String: Any]]
                else { return false }
                lastInspection = inspection.stdout
                return (group["total_lag"] as? Int) == 0
                    && partitions.allSatisfy {
                        ($0["high"] as? Int ?? 0) == 0 || $0["committed"] as? Int == $0["high"] as? Int
                    }
            }
            offsetsCaughtUp = true
            print(
                "registry kill -9: \(writtenWhenKilled) of 1,001 rows written when killed; all converged after restart")
            _ = second
        }
    }

    @Test func replaysAndIdenticalReAnnouncementsWriteNothing() async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry(["--heartbeat-interval", "3600"])
            let ids = (1...100).map { "same-\($0)" }
            let older = try RegistryStack.introspection("same-1", port: 9100)
            var current = try ids.map { try RegistryStack.introspection($0, port: 9101) }
            try await stack.produce([older], topic: TopicNames.defaultIntrospection)
            try await stack.produce(current, topic: TopicNames.defaultIntrospection)
            try await Wait.until("100 nodes and the registry's first heartbeat applied", timeout: 30, interval: 0.1) {
                let metrics = try await registry.metrics()
                let services = try await stack.consulServiceIDs()
                return try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id LIKE 'same-%'") == "100"
                    && (metrics["bridge_registry_events_consumed_total{type=\"NODE_HEARTBEAT\"}"] ?? 0) >= 1
                    && services.count == 101
            }
            // PostgreSQL flushes a backend's table statistics when it has been idle a while (≤ 10 s).
            try await Task.sleep(nanoseconds: 11_000_000_000)
            let statistics = "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'node_registrations'"
            let tuples =
                "SELECT string_agg(node_id || ':' || xmin::text || ':' || ctid::text, ',' ORDER BY node_id) FROM node_registrations"
            let statisticsBefore = try stack.psql(statistics)
            let tuplesBefore = try stack.psql(tuples)
            let indexBefore = try await CurlTool.get(stack.consulURL + "/v1/catalog/services").header("X-Consul-Index")
            let metricsBefore = try await registry.metrics()

            // The older event again, after the newer one; then 10 identical re-announcements per node.
            var replays = [older]
            for _ in 1...10 {
                current = try ids.map { try RegistryStack.introspection($0, port: 9101) }
                replays += current
            }
            try await stack.produce(replays, topic: TopicNames.defaultIntrospection)
            try await Wait.until("the registry to skip 1,001 events", timeout: 30, interval: 0.1) {
                let metrics = try await registry.metrics()
                let unchanged =
                    (metrics["bridge_registry_events_total{outcome=\"unchanged\"}"] ?? 0)
                    - (metricsBefore["bridge_registry_events_total{outcome=\"unchanged\"}"] ?? 0)
                let stale =
                    (metrics["bridge_registry_events_total{outcome=\"stale\"}"] ?? 0)
                    - (metricsBefore["bridge_registry_events_total{outcome=\"stale\"}"] ?? 0)
                return unchanged == 1000 && stale == 1
            }
            try await Task.sleep(nanoseconds: 11_000_000_000)
            #expect(try stack.psql(statistics) == statisticsBefore, "PostgreSQL counted writes")
            #expect(try stack.psql(tuples) == tuplesBefore, "a row got a new version")
            let indexAfter = try await CurlTool.get(stack.consulURL + "/v1/catalog/services").header("X-Consul-Index")
            #expect(indexAfter == indexBefore, "Consul's index moved")
            #expect(
                try stack.psql("SELECT last_event_id FROM node_registrations WHERE node_id = 'same-1'")
                    != older.eventID.description)
        }
    }

    @Test func badEventsGoToTheDLQWithTheirReasonAndTheRegistryGoesOn() async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry(["--heartbeat-interval", "3600"])
            let valid = try RegistryStack.introspection("dlq-router", port: 9200)
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(EventCodec.encode(valid))) as? [String: Any])
            var payload = object["payload"] as? [String: Any] ?? [:]
            payload["node_type"] = "router"
            object["payload"] = payload
            let router = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            object = try #require(
                try JSONSerialization.jsonObject(with: Data(EventCodec.encode(valid))) as? [String: Any])
            object["event_id"] = nil
            let noEventID = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            let heartbeat = String(
                decoding: EventCodec.encode(try RegistryStack.heartbeat("dlq-misplaced")), as: UTF8.self)
            let lines = [
                "bad\tthis is not json", "dlq-router\t\(router)", "dlq-noid\t\(noEventID)",
                "dlq-misplaced\t\(heartbeat)",
            ]
            let produced = try await Kcat.produce(
                brokers: stack.broker.bootstrap, topic: TopicNames.defaultIntrospection, lines: lines,
                keyDelimiter: "\t")
            #expect(produced.status == 0, "\(produced.stderr)")
            try await stack.produce(
                [try RegistryStack.introspection("dlq-good", port: 9201)], topic: TopicNames.defaultIntrospection)
            try await Wait.until("the good node after the bad ones", timeout: 30) {
                try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id = 'dlq-good'") == "1"
            }
            let dlq = TopicNames.defaultIntrospection + ".dlq"
            var letters: [String] = []
            try await Wait.until("four dead letters", timeout: 30, interval: 0.2) {
                let read = try await Kcat.consumeAll(
                    brokers: stack.broker.bootstrap, topic: dlq, format: "%k\\t%h\\t%s\\n")
                letters = read.stdout.split(separator: "\n").map(String.init)
                return letters.count == 4
            }
            func letter(_ key: String) -> String { letters.first { $0.hasPrefix(key + "\t") } ?? "" }
            #expect(letter("bad").contains("bridge.error=envelope"), "\(letter("bad"))")
            #expect(letter("bad").hasSuffix("\tthis is not json"))
            #expect(
                letter("dlq-router").contains("payload.node_type: \\\"router\\\"")
                    || letter("dlq-router").contains("\"router\" is not"), "\(letter("dlq-router"))")
            #expect(letter("dlq-router").hasSuffix(router), "the value must be unchanged")
            #expect(letter("dlq-noid").contains("event_id"), "\(letter("dlq-noid"))")
            #expect(
                letter("dlq-misplaced").contains("does not belong on node-introspection.v1"),
                "\(letter("dlq-misplaced"))")
            for key in ["bad", "dlq-router", "dlq-noid", "dlq-misplaced"] {
                #expect(letter(key).contains("bridge.source.topic=node-introspection.v1"))
            }
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'dlq-%' AND node_id <> 'dlq-good'")
                    == "0")
            let metrics = try await registry.metrics()
            #expect(metrics["bridge_registry_dead_letters_total"] == 4)
            #expect(registry.process.isRunning)
            #expect(try await registry.health().status == 200)
        }
    }

    /// The newest REGISTRY_REQUEST_INTROSPECTION on the request topic, read with kcat.
    static func latestRequest(_ stack: RegistryStack) async throws -> (reason: RequestReason, correlationID: EventUUID)
    {
        var found: (RequestReason, EventUUID)?
        try await Wait.until("the registry's introspection request", timeout: 30, interval: 0.2) {
            let read = try await Kcat.consumeAll(
                brokers: stack.broker.bootstrap, topic: TopicNames.defaultRegistryRequest)
            let requests = read.stdout.split(separator: "\n").compactMap { try? EventCodec.decode(String($0)) }
            guard requests.count >= 2, let last = requests.last, case .request(let request) = last.payload else {
                return false
            }
            found = (request.reason, try #require(request.correlationID ?? last.correlationID))
            return true
        }
        let (reason, correlation) = try #require(found)
        return (reason, correlation)
    }
}

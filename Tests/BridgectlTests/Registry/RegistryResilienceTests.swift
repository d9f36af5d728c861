import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// `registry run` when its dependencies go away and come back (issue 9): partial registration,
/// the reconciler, liveness, self-preservation and restart tracking, with real processes.
@Suite(
    "registry run: partial registration, repair, liveness, self-preservation", .serialized,
    .enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
struct RegistryResilienceTests {
    static func ids(_ prefix: String, _ count: Int) -> [String] { (1...count).map { "\(prefix)-\($0)" } }

    @Test func consulKilledAndRestartedEmptyIsRepairedWithoutARegistryRestart() async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry(["--heartbeat-interval", "1"])
            let fleet = try NodeFleetEmulator(brokers: stack.broker.bootstrap, ids: Self.ids("c", 200))
            try await fleet.start()
            defer { Task { await fleet.stop() } }
            try await Wait.until("200 nodes passing in Consul", timeout: 60, interval: 0.2) {
                let checks = try await stack.consulCheckStatuses()
                return fleet.ids.allSatisfy { checks["service:\($0)"] == "passing" }
            }

            await stack.killConsul()
            let late = Self.ids("late", 20)
            try await fleet.announce(late)
            try await Wait.until("late nodes written pending_register", timeout: 30, interval: 0.2) {
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'late-%' AND consul_state = 'pending_register'"
                ) == "20"
            }
            let degraded = try await registry.health()
            #expect(degraded.status == 200, "Consul down is degraded, not unhealthy")
            #expect(
                (degraded.body["dependencies"] as? [String: [String: Any]])?["consul"]?["state"] as? String == "down")

            try await stack.startConsul()
            let restarted = Date()
            try await Wait.until("every live node back in Consul, passing", timeout: 10, interval: 0.1) {
                let live = try stack.liveRowIDs()
                let checks = try await stack.consulCheckStatuses()
                return live.count == 221 && live.allSatisfy { checks["service:\($0)"] == "passing" }
            }
            let seconds = Date().timeIntervalSince(restarted)
            print("registry: Consul restarted empty → 221 services back in \(String(format: "%.2f", seconds)) s")
            try await Wait.until("pending rows recorded registered", timeout: 15, interval: 0.2) {
                try stack.psql("SELECT count(*) FROM node_registrations WHERE consul_state <> 'registered'") == "0"
            }
            #expect(registry.process.isRunning, "the registry was not restarted")
        }
    }

    @Test func postgresStoppedAndStartedWithAKillInTheMiddleLosesNothing() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.destroy() }
        try await RegistryStack.with(databaseURL: cluster.url) { stack in
            let port = FreePort.allocate()
            let first = try await stack.startRegistry(["--heartbeat-interval", "1"], port: port)
            let fleet = try NodeFleetEmulator(brokers: stack.broker.bootstrap, ids: Self.ids("p", 100))
            try await fleet.start()
            defer { Task { await fleet.stop() } }
            try await Wait.until("100 rows", timeout: 60, interval: 0.2) {
                try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id LIKE 'p-%'") == "100"
            }

            try cluster.stop()
            let during = Self.ids("during", 50)
            try await fleet.announce(during)
            try await Wait.until("Consul to keep registering while PostgreSQL is down", timeout: 30, interval: 0.2) {
                let services = try await stack.consulServiceIDs()
                return during.allSatisfy(services.contains)
            }
            let held = try await first.health()
            #expect(held.status == 503, "PostgreSQL down: commits are held")
            #expect((held.body["consumer"] as? [String: Any])?["commits_held_since"] as? String != nil)

            first.process.signal(SIGKILL)
            _ = try await first.process.waitForExit(timeout: 10)
            let second = try BridgectlBinary.spawn(
                [
                    "registry", "run", "--port", String(port), "--heartbeat-interval", "1", "-X",
                    "session.timeout.ms=6000",
                ]
                    + stack.connectionArguments)
            defer { second.signal(SIGKILL) }
            try await Wait.until("the restarted registry to serve /health without PostgreSQL", timeout: 30) {
                (try? await CurlTool.get("http://127.0.0.1:\(port)/health").status) == 503
            }
            try cluster.start()
            var rows = ""
            do {
                try await Wait.until("every node's row present and current", timeout: 60, interval: 0.25) {
                    // The server may still be starting: psql failing is "not yet".
                    rows =
                        (try? stack.psql(
                            "SELECT count(*), count(*) FILTER (WHERE deregistered_at IS NULL AND last_heartbeat > now() - interval '5 seconds') FROM node_registrations WHERE node_id LIKE 'p-%' OR node_id LIKE 'during-%'"
                        )) ?? ""
                    return rows == "150|150"
                }
            } catch {
                Issue.record("rows (all|current): \(rows); registry: \(second.stderr.suffix(4000))")
                throw error
            }
            try await Wait.until("Consul to hold exactly PostgreSQL's live nodes", timeout: 30, interval: 0.2) {
                let live = try stack.liveRowIDs()
                let services = try await stack.consulServiceIDs()
                return services == live
            }
            second.signal(SIGTERM)
            #expect(try await second.waitForExit(timeout: 15) == 0)
        }
    }

    @Test func silentNodesGoStaleThenEvictedButNotWhileTheRegistryIsBlind() async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry([
                "--heartbeat-interval", "1", "--stale-after", "2", "--evict-after", "5", "--response-timeout-ms",
                "1000",
            ])
            let fleet = try NodeFleetEmulator(brokers: stack.broker.bootstrap, ids: Self.ids("l", 8))
            try await fleet.start()
            defer { Task { await fleet.stop() } }
            try await Wait.until("8 nodes passing", timeout: 30, interval: 0.2) {
                let checks = try await stack.consulCheckStatuses()
                return fleet.ids.allSatisfy { checks["service:\($0)"] == "passing" }
            }
            // The re-announce window (max(2 x 1 s, 1 s + 5 s)) must be over before anyone is evicted.
            fleet.silence(["l-1"])
            let silencedAt = Date()
            try await Wait.until("l-1 stale", timeout: 15, interval: 0.1) {
                try stack.psql("SELECT health_status FROM node_registrations WHERE node_id = 'l-1'") == "stale"
            }
            let staleAfter = Date().timeIntervalSince(silencedAt)
            try await Wait.until("l-1 evicted from both stores", timeout: 30, interval: 0.1) {
                let row = try stack.psql(
                    "SELECT deregistered_at IS NOT NULL FROM node_registrations WHERE node_id = 'l-1'")
                let services = try await stack.consulServiceIDs()
                return row == "t" && !services.contains("l-1")
            }
            let evictedAfter = Date().timeIntervalSince(silencedAt)
            print(
                "registry: silent node stale after \(String(format: "%.1f", staleAfter)) s (--stale-after 2), evicted after \(String(format: "%.1f", evictedAfter)) s (--evict-after 5)"
            )
            #expect(staleAfter >= 1.5 && evictedAfter >= 4.5, "too early")
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'l-%' AND deregistered_at IS NULL")
                    == "7")

            // Blind: with the broker down nobody's heartbeat arrives, yet nobody is evicted.
            let down = try await stack.broker.down()
            #expect(down.status == 0, "\(down.stderr)")
            do {
                try await Wait.until("self-preservation", timeout: 30, interval: 0.2) {
                    let health = try await registry.health()
                    return (health.body["self_preservation"] as? [String: Any])?["active"] as? Bool == true
                }
            } catch {
                Issue.record(
                    "health: \(try await registry.health().body); log: \(registry.process.stderr.suffix(3000))")
                throw error
            }
            try await Task.sleep(nanoseconds: 8_000_000_000)
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'l-%' AND deregistered_at IS NULL")
                    == "7")
            let checks = try await stack.consulCheckStatuses()
            #expect(fleet.ids.dropFirst().allSatisfy { checks["service:\($0)"] == "passing" }, "\(checks)")
            let metrics = try await registry.metrics()
            #expect(metrics["bridge_registry_self_preservation"] == 1)

            let up = try await stack.broker.up()
            #expect(up.status == 0, "\(up.stderr)")
            try await Wait.until("self-preservation over", timeout: 30, interval: 0.2) {
                let health = try await registry.health()
                return (health.body["self_preservation"] as? [String: Any])?["active"] as? Bool == false
            }
            try await Task.sleep(nanoseconds: 3_000_000_000)
            #expect(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE 'l-%' AND deregistered_at IS NULL")
                    == "7", "evictions after the blindness")
        }
    }

    @Test func aRestartedRegistryNamesTheOneNodeThatDidNotAnswer() async throws {
        try await RegistryStack.with { stack in
            let port = FreePort.allocate()
            let arguments = ["--heartbeat-interval", "1", "--response-timeout-ms", "1000"]
            let first = try await stack.startRegistry(arguments, port: port)
            let fleet = try NodeFleetEmulator(brokers: stack.broker.bootstrap, ids: Self.ids("r", 20))
            try await fleet.start()
            defer { Task { await fleet.stop() } }
            try await Wait.until("20 rows", timeout: 30, interval: 0.2) {
                try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id LIKE 'r-%'") == "20"
            }
            first.process.signal(SIGTERM)
            #expect(try await first.process.waitForExit(timeout: 15) == 0)
            fleet.silence(["r-7"])

            let second = try await stack.startRegistry(arguments, port: port)
            // A clean stop before: the request says `startup`; the window is max(2 x 1 s, 1 s + 5 s).
            try await Wait.until("the re-announce window to close", timeout: 30, interval: 0.25) {
                let startup = (try await second.health()).body["startup_request"] as? [String: Any]
                return startup?["not_answering"] is [String]
            }
            let startup = try #require((try await second.health()).body["startup_request"] as? [String: Any])
            #expect(startup["reason"] as? String == "startup")
            #expect(startup["not_answering"] as? [String] == ["r-7"])
            #expect(startup["answers"] as? Int == 19)
            #expect(second.process.stderr.contains("did not answer") && second.process.stderr.contains("r-7"))

            let diff = try await BridgectlBinary.run(
                ["inspect", "diff", "--registry", second.baseURL, "--output", "json"] + stack.connectionArguments)
            let json = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any] ?? [:]
            #expect(json["not_answering"] as? [String] == ["r-7"], "\(diff.stdout) \(diff.stderr)")
        }
    }
}

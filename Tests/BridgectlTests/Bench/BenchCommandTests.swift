import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// `bench` scenarios against a real stack (dev broker, dev consul, a fresh database, `registry run`):
/// small runs that check the JSON is complete and nothing was lost, recounted with psql and curl.
/// Never timings.
@Suite(
    "bench: scenario smoke runs against a real stack", .serialized,
    .enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
struct BenchScenarioTests {
    /// Runs `bench` with `arguments` against a fresh stack and returns the parsed --json and stdout.
    static func bench(
        _ arguments: [String], timeout: Double = 120,
        _ check: (RegistryStack, [String: Any], String) async throws -> Void
    ) async throws {
        try await RegistryStack.with { stack in
            let registry = try await stack.startRegistry(["--heartbeat-interval", "3600"])
            let json = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json")
                .path
            defer { try? FileManager.default.removeItem(atPath: json) }
            let result = try await BridgectlBinary.run(
                ["bench"] + arguments + stack.connectionArguments + [
                    "--registry", registry.baseURL, "--registry-pid", String(registry.process.pid), "--json", json,
                ], timeout: timeout)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("MEASUREMENT") && result.stdout.contains("SEED"), "\(result.stdout)")
            let data = try #require(FileManager.default.contents(atPath: json), "no --json file: \(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            try await check(stack, object, result.stdout)
        }
    }

    /// Checks what every report must hold and returns measurement name → value.
    static func complete(_ report: [String: Any], scenario: String) throws -> [String: Double] {
        #expect(report["scenario"] as? String == scenario)
        let machine = try #require(report["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) > 0 && (machine["memory_mb"] as? Int ?? 0) > 0)
        #expect((machine["kernel"] as? String)?.isEmpty == false)
        let versions = try #require(report["versions"] as? [String: String])
        for key in ["bridgectl", "librdkafka", "postgresql_server"] {
            #expect(versions[key]?.isEmpty == false, "version \(key) missing: \(versions)")
        }
        let config = try #require(report["config"] as? [String: Any])
        #expect((config["node_id_prefix"] as? String)?.hasPrefix("bench-\(scenario)-") == true)
        #expect((config["postgres"] as? String)?.isEmpty == false)
        let results = try #require(report["results"] as? [String: Any])
        let measurements = try #require(results["measurements"] as? [[String: Any]])
        #expect(!measurements.isEmpty)
        var values: [String: Double] = [:]
        for measurement in measurements {
            let name = try #require(measurement["name"] as? String)
            #expect(
                measurement["unit"] as? String != nil && ["lower", "higher"].contains(measurement["better"] as? String))
            values[name] = measurement["value"] as? Double ?? .nan
        }
        return values
    }

    static func prefix(_ report: [String: Any]) -> String {
        (report["config"] as? [String: Any])?["node_id_prefix"] as? String ?? "?"
    }

    /// Rows with the run's prefix (psql) and the run's instances in the catalog (curl).
    static func recount(_ stack: RegistryStack, prefix: String) async throws -> (rows: Int, live: Int, consul: Int) {
        let rows = Int(try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id LIKE '\(prefix)%'")) ?? -1
        let live =
            Int(
                try stack.psql(
                    "SELECT count(*) FROM node_registrations WHERE node_id LIKE '\(prefix)%' AND deregistered_at IS NULL"
                ))
            ?? -1
        let instances = try await stack.consulJSON("/v1/catalog/service/compute") as? [[String: Any]] ?? []
        let consul = instances.filter { ($0["ServiceID"] as? String)?.hasPrefix(prefix) == true }.count
        return (rows, live, consul)
    }

    @Test func latency() async throws {
        try await Self.bench(["latency", "-n", "5", "--warmup", "1"]) { stack, report, _ in
            let values = try Self.complete(report, scenario: "latency")
            for stage in ["publish_ack", "consul_passing", "postgres_row", "end_to_end"] {
                for key in ["p50_ms", "p95_ms", "p99_ms", "max_ms"] {
                    let value = values["\(stage).\(key)"]
                    #expect(
                        value.map { $0.isFinite && $0 > 0 } == true, "\(stage).\(key) = \(String(describing: value))")
                }
            }
            #expect(values["lost"] == 0)
            #expect(values["registry_self_reported.p50_ms"] != nil)
            let counts = try await Self.recount(stack, prefix: Self.prefix(report))
            #expect(counts.rows == 6 && counts.live == 6 && counts.consul == 6, "\(counts)")
        }
    }

    @Test func fleetWithCleanup() async throws {
        try await Self.bench(["fleet", "--nodes", "50", "--cleanup"]) { stack, report, _ in
            let values = try Self.complete(report, scenario: "fleet")
            #expect(values["lost"] == 0)
            #expect(values["all_in_both_s"].map { $0.isFinite && $0 > 0 } == true)
            #expect(values["end_to_end.p99_ms"].map(\.isFinite) == true)
            let details = (report["results"] as? [String: Any])?["details"] as? [String: Any]
            let recount = details?["recount"] as? [String: Any]
            #expect(recount?["postgres_rows"] as? Int == 50 && recount?["consul_instances"] as? Int == 50)
            // --cleanup announced NODE_SHUTDOWN for exactly the run's nodes: the rows stay (soft delete).
            let prefix = Self.prefix(report)
            try await Wait.until("the run's nodes deregistered", timeout: 30, interval: 0.2) {
                let counts = try await Self.recount(stack, prefix: prefix)
                return counts.rows == 50 && counts.live == 0 && counts.consul == 0
            }
        }
    }

    @Test func sustained() async throws {
        try await Self.bench(["sustained", "--rate", "20", "--duration", "3", "--heartbeat-interval", "1"]) {
            stack, report, _ in
            let values = try Self.complete(report, scenario: "sustained")
            #expect(values["not_in_both_after_drain"] == 0)
            #expect((values["throughput_per_s"] ?? 0) > 0)
            #expect((values["heartbeats_per_s"] ?? 0) > 0)
            // The registry's pid was given: its RSS was sampled.
            #expect((values["registry_rss_peak_mb"] ?? 0) > 1)
            let details = (report["results"] as? [String: Any])?["details"] as? [String: Any]
            let announced = try #require(details?["announced"] as? Int)
            #expect(announced >= 40)
            #expect((details?["completed_per_second"] as? [Any])?.count == 3)
            let counts = try await Self.recount(stack, prefix: Self.prefix(report))
            #expect(counts.rows == announced && counts.consul == announced, "\(counts) vs \(announced)")
        }
    }

    @Test func burst() async throws {
        try await Self.bench(["burst", "--rate", "10", "--baseline", "2", "--burst", "100", "--recovery", "3"]) {
            stack, report, _ in
            let values = try Self.complete(report, scenario: "burst")
            #expect(values["not_in_both_after_drain"] == 0)
            #expect(values["burst_all_in_both_s"].map { $0.isFinite && $0 > 0 } == true)
            #expect(values["baseline_end_to_end.p50_ms"].map { $0.isFinite && $0 > 0 } == true)
            #expect(values.keys.contains("recovery_s") && values.keys.contains("latency_increase_pct"))
            let details = (report["results"] as? [String: Any])?["details"] as? [String: Any]
            let announced = try #require(details?["announced"] as? Int)
            #expect(announced >= 140)
            let counts = try await Self.recount(stack, prefix: Self.prefix(report))
            #expect(counts.rows == announced && counts.consul == announced, "\(counts) vs \(announced)")
        }
    }

    @Test func heartbeats() async throws {
        try await Self.bench(["heartbeats", "--nodes", "20", "--interval", "0.5", "--duration", "3"]) {
            stack, report, _ in
            let values = try Self.complete(report, scenario: "heartbeats")
            #expect((values["heartbeats_sent_per_s"] ?? 0) > 0)
            #expect(values["consul_passing_fraction"] == 1)
            #expect((values["heartbeats_consumed_per_s"] ?? 0) > 0)
            #expect(values["publish_ack.p50_ms"].map(\.isFinite) == true)
            let prefix = Self.prefix(report)
            let counts = try await Self.recount(stack, prefix: prefix)
            #expect(counts.rows == 20 && counts.consul == 20, "\(counts)")
            // The heartbeats moved last_heartbeat past the registration.
            let moved = try stack.psql(
                "SELECT count(*) FROM node_registrations WHERE node_id LIKE '\(prefix)%' AND last_heartbeat > registered_at"
            )
            #expect(moved == "20")
        }
    }
}

@Suite("bench compare: regressions named, exit codes")
struct BenchCompareCommandTests {
    static func write(_ report: BenchReport) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString).json").path
        try Data(JSONWriter.bytes(report.json)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func report(p99: Double, throughput: Double, scenario: String = "fleet") -> BenchReport {
        BenchReport(
            scenario: scenario, startedAt: .now(),
            measurements: [
                BenchMeasurement("end_to_end.p99_ms", p99, unit: "ms", better: .lower),
                BenchMeasurement("throughput_per_s", throughput, unit: "reg/s", better: .higher),
            ])
    }

    @Test func aRegressionIsNamedAndExits1() async throws {
        let old = try Self.write(Self.report(p99: 10, throughput: 1000))
        let new = try Self.write(Self.report(p99: 10.5, throughput: 700))
        let result = try await BridgectlBinary.run(["bench", "compare", old, new, "--threshold", "10%"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("throughput_per_s") && !result.stderr.contains("end_to_end.p99_ms"))
        #expect(result.stdout.contains("REGRESSED"))
        // A looser threshold lets the same pair pass.
        let loose = try await BridgectlBinary.run(["bench", "compare", old, new, "--threshold", "0.5"])
        #expect(loose.status == 0, "\(loose.stderr)")
    }

    @Test func noRegressionExits0() async throws {
        let old = try Self.write(Self.report(p99: 10, throughput: 1000))
        let new = try Self.write(Self.report(p99: 9, throughput: 1200))
        let result = try await BridgectlBinary.run(["bench", "compare", old, new])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("REGRESSED") && result.stdout.contains("end_to_end.p99_ms"))
    }

    @Test func badFilesAreClearErrors() async throws {
        let good = try Self.write(Self.report(p99: 10, throughput: 1000))
        let missing = try await BridgectlBinary.run(["bench", "compare", "/nonexistent/old.json", good])
        #expect(missing.status == 64 && missing.stderr.contains("/nonexistent/old.json"))
        let garbage = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).json")
        try Data("{nope".utf8).write(to: garbage)
        let invalid = try await BridgectlBinary.run(["bench", "compare", garbage.path, good])
        #expect(invalid.status == 65 && invalid.stderr.contains("not valid JSON"))
        let other = try Self.write(Self.report(p99: 10, throughput: 1000, scenario: "latency"))
        let mismatch = try await BridgectlBinary.run(["bench", "compare", other, good])
        #expect(mismatch.status == 65 && mismatch.stderr.contains("one scenario"))
        let threshold = try await BridgectlBinary.run(["bench", "compare", good, good, "--threshold", "lots"])
        #expect(threshold.status == 64 && threshold.stderr.contains("--threshold"))
    }
}

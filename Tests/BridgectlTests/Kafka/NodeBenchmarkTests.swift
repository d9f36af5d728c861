import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// The node numbers in docs/PERFORMANCE.md ("Node"). Runs only with BRIDGECTL_BENCH=1; it measures
/// and prints, asserting only that what it measured happened:
///     swift build -c release --product bridgectl
///     BRIDGECTL_BENCH=1 BRIDGECTL_BIN=.build/release/bridgectl swift test --filter NodeBenchmark
@Suite(
    "Node benchmark", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["BRIDGECTL_BENCH"] != nil, "set BRIDGECTL_BENCH=1 to run"))
struct NodeBenchmarkTests {
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    static func summary(_ values: [Double]) -> String {
        String(
            format: "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d, min %.1f, max %.1f)", percentile(values, 50),
            percentile(values, 95), percentile(values, 99), values.count, values.min() ?? 0, values.max() ?? 0)
    }

    /// utime + stime of `pid` in seconds, and its RSS in MiB.
    static func usage(pid: Int32) throws -> (cpu: Double, rssMB: Double) {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpu = (Double(fields[11])! + Double(fields[12])!) / ticks
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }!
        let kilobytes = Double(rssLine.split(separator: " ")[1])!
        return (cpu, kilobytes / 1024)
    }

    static func published(_ node: NodeRunProcess, _ type: String) async throws -> Double {
        let metrics = try await CurlTool.get(node.baseURL + "/metrics").body
        let prefix = "bridge_node_events_published_total{event_type=\"\(type)\"} "
        let line = try #require(metrics.split(separator: "\n").first { $0.hasPrefix(prefix) })
        return try #require(Double(line.dropFirst(prefix.count)))
    }

    @Test func startToIntrospectionAcknowledged() async throws {
        try await DevBrokerProcess.with(partitions: 12) { broker in
            var selfReported: [Double] = []
            var observed: [Double] = []
            for index in 0..<21 {
                let spawned = ContinuousClock.now
                let node = try BridgectlBinary.spawn([
                    "node", "run", "--port", "0", "--brokers", broker.bootstrap, "--node-id", "bench-start-\(index)",
                    "--log-level", "error",
                ])
                try await Wait.until("the announcement", timeout: 10, interval: 0.001) {
                    node.stdout.contains("announced: startup")
                }
                let outside = ContinuousClock.now - spawned
                let line = try #require(node.stdout.split(separator: "\n").first { $0.contains("announced:") })
                let reported = try #require(Double(line.split(separator: " ").dropLast(3).last ?? ""))
                node.signal(SIGTERM)
                #expect(try await node.waitForExit(timeout: 10) == 0)
                if index == 0 { continue }  // the first start also warms the broker's topics
                selfReported.append(reported)
                observed.append(
                    Double(outside.components.seconds) * 1000 + Double(outside.components.attoseconds) * 1e-15)
            }
            print("node start → introspection acknowledged, in the process: \(Self.summary(selfReported))")
            print("node start → introspection acknowledged, spawn → line seen: \(Self.summary(observed))")
        }
    }

    @Test func heartbeatCostAndMemoryOfAThousandNodes() async throws {
        try await DevBrokerProcess.with(partitions: 12) { broker in
            let node = try await NodeRunProcess.start([
                "--brokers", broker.bootstrap, "--count", "1000", "--node-id-prefix", "bench", "--heartbeat-interval",
                "1", "--log-level", "error",
            ])
            try await node.waitForOutput("announced: startup, 1000 nodes", timeout: 30)
            try await Task.sleep(for: .seconds(3))
            let before = try Self.usage(pid: node.process.pid)
            let beatsBefore = try await Self.published(node, "NODE_HEARTBEAT")
            try await Task.sleep(for: .seconds(30))
            let after = try Self.usage(pid: node.process.pid)
            let beatsAfter = try await Self.published(node, "NODE_HEARTBEAT")
            let metrics = try await CurlTool.get(node.baseURL + "/metrics").body
            #expect(await node.stop() == 0)
            let beats = beatsAfter - beatsBefore
            #expect(beats > 20_000)
            let cpu = after.cpu - before.cpu
            print(
                String(
                    format:
                        "--count 1000 at 1 s for 30 s: %.0f heartbeats (%.0f/s), %.2f CPU s, %.1f µs CPU per heartbeat, RSS %.1f MiB",
                    beats, beats / 30, cpu, cpu / beats * 1_000_000, after.rssMB))
            print(
                metrics.split(separator: "\n").filter { $0.contains("skipped") || $0.contains("lag") }.joined(
                    separator: "\n"))
        }
    }
}

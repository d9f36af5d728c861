import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

/// Keep-alive latency and throughput of `ConsulClient` against a spawned `bridgectl dev consul`:
/// service registration and TTL pass, with 1 and 8 connections. A benchmark, not a timed test: it
/// runs only with BRIDGECTL_BENCH=1 (numbers in docs/PERFORMANCE.md), and asserts only that every
/// request succeeded and landed.
///
///     BRIDGECTL_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ConsulClientBenchmark
@Suite(
    "Consul client benchmark", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["BRIDGECTL_BENCH"] != nil, "set BRIDGECTL_BENCH=1 to run"))
struct ConsulClientBenchmarkTests {
    struct Measurement: CustomStringConvertible {
        let operation: String
        let connections: Int
        let latencies: [Duration]
        let wall: Duration

        func percentile(_ p: Double) -> Double {
            let sorted = latencies.sorted()
            let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
            return Self.milliseconds(sorted[max(0, index)])
        }

        static func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }

        var requestsPerSecond: Double { Double(latencies.count) / (Self.milliseconds(wall) / 1000) }

        var description: String {
            let figures = [percentile(0.50), percentile(0.95), percentile(0.99)].map { String(format: "%.3f", $0) }
            return "| \(operation) | \(connections) | \(latencies.count) | "
                + figures.joined(separator: " | ") + " | \(Int(requestsPerSecond.rounded())) |"
        }
    }

    static func definition(_ index: Int) -> ConsulServiceDefinition {
        ConsulServiceDefinition(
            id: "bench-node-\(index)", name: "orchestrator", tags: ["orchestrator", "dev", "bridgectl"],
            address: "127.0.0.1", port: 8060,
            meta: ["node_type": "orchestrator", "environment": "dev", "node_version": "1.0.0"],
            check: ConsulCheckDefinition(
                .ttl(.seconds(90)), checkID: "service:bench-node-\(index)", initialStatus: .passing))
    }

    /// Runs `count` operations spread over `connections` concurrent callers, timing each one.
    static func measure(
        _ operation: String, count: Int, connections: Int, client: ConsulClient,
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws -> Measurement {
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for lane in 0..<connections {
                group.addTask {
                    var own: [Duration] = []
                    var index = lane
                    while index < count {
                        let before = ContinuousClock.now
                        try await body(index)
                        own.append(ContinuousClock.now - before)
                        index += connections
                    }
                    return own
                }
            }
            var all: [Duration] = []
            for try await lane in group { all += lane }
            return all
        }
        return Measurement(
            operation: operation, connections: connections, latencies: latencies, wall: ContinuousClock.now - started)
    }

    @Test func registerAndTTLPassOverKeptAliveConnections() async throws {
        let agent = try await DevConsulProcess.start(["--log-level", "warning"])
        var results: [Measurement] = []
        do {
            for connections in [1, 8] {
                let client = ConsulClient(
                    settings: ConsulSettings(baseURL: agent.baseURL), maximumConnections: connections)
                let services = 5_000
                let passes = 20_000
                // Warm-up: connections opened, code paths touched.
                for index in 0..<200 { try await client.register(Self.definition(1_000_000 + index)) }
                results.append(
                    try await Self.measure("register", count: services, connections: connections, client: client) {
                        try await client.register(Self.definition($0))
                    })
                results.append(
                    try await Self.measure("TTL pass", count: passes, connections: connections, client: client) {
                        try await client.updateTTL(checkID: "service:bench-node-\($0 % services)", status: .passing)
                    })
                let registered = try await client.agentServices()
                #expect(registered.count == services + 200)
                for index in 0..<services { try await client.deregister(serviceID: "bench-node-\(index)") }
                for index in 0..<200 { try await client.deregister(serviceID: "bench-node-\(1_000_000 + index)") }
                #expect(try await client.agentServices().isEmpty)
                client.shutdown()
            }
        } catch {
            await agent.stop()
            throw error
        }
        await agent.stop()
        print("| operation | connections | requests | p50 ms | p95 ms | p99 ms | requests/s |")
        print("|---|---|---|---|---|---|---|")
        for result in results { print(result) }
        #expect(results.count == 4)
    }
}

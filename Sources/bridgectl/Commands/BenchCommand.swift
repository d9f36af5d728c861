import ArgumentParser
import BridgeCore

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "The seed's benchmarks and load tests, with p50/p95/p99.",
        discussion: """
            Runs against a running stack (--brokers, --consul, --postgres-url, or --state-dir of 'dev up'); each \
            run announces nodes under a node-id prefix of its own and observes them from outside the registry \
            (Consul blocking queries, PostgreSQL polling). Progress goes to stderr, a table with the seed's \
            numbers and our targets to stdout, everything to --json FILE. 'bench compare' flags regressions.

            Examples:
              bridgectl bench latency -n 200 --registry http://127.0.0.1:8062
              bridgectl bench fleet --nodes 1000 --json fleet.json
              bridgectl bench compare old.json new.json --threshold 10%
            """,
        subcommands: [
            BenchLatencyCommand.self, BenchFleetCommand.self, BenchSustainedCommand.self, BenchBurstCommand.self,
            BenchHeartbeatsCommand.self, BenchCeilingsCommand.self, BenchCompareCommand.self,
        ])
}

struct BenchLatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Sequential single-node registrations: publish ack, Consul, PostgreSQL, end to end (p50/p95/p99/max)."
    )

    @Option(name: [.customShort("n"), .long], help: "Registrations measured.")
    var count = 100

    @Option(name: .long, help: "Registrations before the measured ones.")
    var warmup = 3

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard count > 0 else { throw ValidationError("-n must be a positive number of registrations.") }
        guard warmup >= 0 else { throw ValidationError("--warmup must be 0 or more.") }
    }

    func run() async throws {
        let scenario = LatencyScenario(count: count, warmup: warmup)
        try await stack.run(scenario: "latency", lingerMilliseconds: 0) { session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

struct BenchFleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "N new nodes announce at once: time until all are in both stores, per-node percentiles, loss.")

    @Option(name: .long, help: "Nodes announcing at once.")
    var nodes = 100

    @Option(name: .long, help: "Seconds to wait for every node (default: max(30, nodes/100)).")
    var timeout: Double?

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard nodes > 0 else { throw ValidationError("--nodes must be a positive number.") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds.") }
    }

    func run() async throws {
        let scenario = FleetScenario(nodes: nodes, timeoutSeconds: timeout)
        try await stack.run(scenario: "fleet", lingerMilliseconds: 5) { session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

struct BenchSustainedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sustained",
        abstract: "New registrations at a steady rate plus heartbeats: throughput per second, degradation, RSS, CPU.")

    @Option(name: .long, help: "New registrations per second.")
    var rate = 100.0

    @Option(name: .long, help: "Seconds of load.")
    var duration = 60.0

    @Option(name: .customLong("heartbeat-interval"), help: "Seconds between a registered node's heartbeats.")
    var heartbeatInterval = 5.0

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be a positive number of registrations per second.") }
        guard duration > 0 else { throw ValidationError("--duration must be a positive number of seconds.") }
        guard heartbeatInterval > 0 else { throw ValidationError("--heartbeat-interval must be positive.") }
    }

    func run() async throws {
        let scenario = SustainedScenario(
            rate: rate, durationSeconds: duration, heartbeatIntervalSeconds: heartbeatInterval)
        try await stack.run(scenario: "sustained", lingerMilliseconds: 5) { session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

struct BenchBurstCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burst", abstract: "Baseline, burst, recovery: recovery time and latency increase vs baseline.")

    @Option(name: .long, help: "Registrations per second before and after the burst.")
    var rate = 20.0

    @Option(name: .long, help: "Seconds of baseline before the burst.")
    var baseline = 5.0

    @Option(name: .long, help: "Nodes announced at once.")
    var burst = 1000

    @Option(name: .long, help: "Seconds of trickle after the burst.")
    var recovery = 10.0

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard rate > 0, baseline > 0, recovery > 0 else {
            throw ValidationError("--rate, --baseline and --recovery must be positive.")
        }
        guard burst > 0 else { throw ValidationError("--burst must be a positive number of nodes.") }
    }

    func run() async throws {
        let scenario = BurstScenario(rate: rate, baselineSeconds: baseline, burst: burst, recoverySeconds: recovery)
        try await stack.run(scenario: "burst", lingerMilliseconds: 2) { session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

struct BenchHeartbeatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeats",
        abstract: "N nodes heartbeating every I seconds: processing throughput and the Consul passes it causes.")

    @Option(name: .long, help: "Nodes (announced first, then heartbeating).")
    var nodes = 1000

    @Option(name: .long, help: "Seconds between one node's heartbeats.")
    var interval = 1.0

    @Option(name: .long, help: "Seconds of heartbeats.")
    var duration = 30.0

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard nodes > 0 else { throw ValidationError("--nodes must be a positive number.") }
        guard interval > 0, duration > 0 else { throw ValidationError("--interval and --duration must be positive.") }
    }

    func run() async throws {
        let scenario = HeartbeatScenario(nodes: nodes, intervalSeconds: interval, durationSeconds: duration)
        try await stack.run(scenario: "heartbeats", lingerMilliseconds: 5) { session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

struct BenchCeilingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceilings",
        abstract:
            "The stores on their own: PostgreSQL batched upserts and Consul registrations and TTL passes per second.")

    @Option(name: .long, help: "Rows upserted per batch size (batch size 1: at most 2,000).")
    var rows = 10_000

    @Option(name: .long, help: "Consul services registered (and deregistered afterwards).")
    var services = 2000

    @Option(name: .long, help: "Consul TTL passes.")
    var passes = 20_000

    @Option(name: .long, help: "Parallel Consul connections (also measured with 1).")
    var connections = 8

    @OptionGroup var stack: BenchStackOptions

    func validate() throws {
        guard rows > 0, services > 0, passes > 0, connections > 0 else {
            throw ValidationError("--rows, --services, --passes and --connections must be positive.")
        }
    }

    func run() async throws {
        let scenario = CeilingScenario(rows: rows, services: services, passes: passes, connections: connections)
        try await stack.run(scenario: "ceilings", lingerMilliseconds: 5, createdNodes: { _ in 0 }) {
            session throws(BridgeError) in
            try await scenario.run(session)
        }
    }
}

import ArgumentParser
import BridgeCore
import BridgeEvents
import Foundation
import Logging

/// Where `bench` scenarios run and what they write: the stack (flags, environment, or a `dev up`
/// state directory), the registry's URL and pid, `--json`, `--cleanup`.
struct BenchStackOptions: ParsableArguments {
    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var consul: ConsulOptions
    @OptionGroup var postgres: PostgresOptions

    @Option(name: .long, help: "The registry's base URL, for its /metrics (default: registry_url in stack.json).")
    var registry: String?

    @Option(
        name: .customLong("registry-pid"),
        help: "The registry's pid, to sample its RSS and CPU from /proc (default: not sampled).")
    var registryPID: Int32?

    @Option(
        name: .customLong("state-dir"),
        help:
            "A 'dev up' state directory: read the stack's addresses and the registry's pid from its stack.json (default: flags and environment)."
    )
    var stateDirectory: String?

    @Flag(
        name: .long,
        help: "Start a stack of its own for the run ('dev up --detach' in a temporary folder; 'dev down' after).")
    var embedded = false

    @Option(name: .long, help: "The environment the nodes announce (default: stack.json's, ENVIRONMENT, else dev).")
    var environment: String?

    @Option(
        name: .long,
        help: "Write the run's machine, versions, configuration and results to this JSON file (default: none).")
    var json: String?

    @Flag(name: .long, help: "Announce NODE_SHUTDOWN for the run's nodes at the end (nothing else is touched).")
    var cleanup = false

    @OptionGroup var logging: OneShotLoggingOptions

    /// Flags first, then the state directory's stack.json, then the environment and defaults.
    func stack(stateDirectory: String?) throws(BridgeError) -> BenchStack {
        let source = ConfigurationSource.process()
        let file = try stateDirectory.map { (directory) throws(BridgeError) in
            try DevStackFile.load(stateDirectory: directory)
        }
        let kafkaSettings = try KafkaSettings.resolve(
            brokers: kafka.brokers ?? file?.bootstrapServers, properties: kafka.properties, source: source)
        let consulSettings = try ConsulSettings.resolve(
            address: consul.consul ?? file?.consulURL, token: consul.consulToken, source: source)
        let postgresSettings = PostgresSettings.resolve(url: postgres.postgresURL ?? file?.postgresURL, source: source)
        return BenchStack(
            kafka: kafkaSettings, consul: consulSettings, postgres: postgresSettings,
            topics: try TopicNames.resolve(source: source),
            environment: try EnvironmentName.resolve(environment ?? file?.environment, source: source),
            registryURL: (registry ?? file?.registryURL).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
            registryPID: registryPID ?? file?.processes.first { $0.name.hasPrefix("registry") }?.pid)
    }

    /// Opens a session, runs the scenario, prints the table (stdout) and writes --json; progress goes to stderr.
    func run(
        scenario: String, lingerMilliseconds: Int,
        createdNodes: @escaping @Sendable (BenchSession) -> Int = {
            $0.createdCount
        }, _ body: (BenchSession) async throws(BridgeError) -> BenchReport
    ) async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let progress = BenchProgressLine()
            var embeddedStack: String?
            if embedded {
                progress.show("starting an embedded stack (dev up --detach)…")
                embeddedStack = try await Self.startEmbeddedStack()
            }
            defer { if let embeddedStack { Self.stopEmbeddedStack(embeddedStack) } }
            let stack = try stack(stateDirectory: embeddedStack ?? stateDirectory)
            let session = try await BenchSession.open(
                stack: stack, scenario: scenario, lingerMilliseconds: lingerMilliseconds,
                progress: { progress.show($0) }, logger: Logger(label: "bridgectl.bench"))
            progress.show("\(scenario): node ids \(session.prefix)…")
            var report = try await body(session)
            progress.finish()
            let description = await session.describe(bridgectlVersion: BridgectlVersion.current)
            report.machine = description.machine
            report.versions = description.versions
            report.configuration["node_id_prefix"] = .string(session.prefix)
            report.configuration["brokers"] = .string(stack.kafka.brokers)
            report.configuration["consul"] = .string(stack.consul.baseURL)
            report.configuration["postgres"] = .string(
                SecretRedaction.redactConnectionString(stack.postgres.connectionString))
            report.configuration["registry"] = stack.registryURL.map { .string($0) } ?? .null
            report.configuration["registry_pid"] = stack.registryPID.map { .int(Int64($0)) } ?? .null
            if cleanup {
                try await session.cleanup(count: createdNodes(session))
                report.configuration["cleanup"] = true
            }
            let out = OutputBuffer()
            out.line("bench \(scenario) (node ids \(session.prefix)*)")
            for line in BenchTable.lines(report) { out.line(line) }
            out.flush()
            if let json {
                let bytes = Data((JSONWriter.string(report.json) + "\n").utf8)
                guard FileManager.default.createFile(atPath: json, contents: bytes) else {
                    throw BridgeError.failure("cannot write \(json); check that its directory exists and is writable")
                }
            }
        }
    }

    /// `dev up --detach` in a fresh temporary state directory; returns the directory.
    static func startEmbeddedStack() async throws(BridgeError) -> String {
        let directory = try DevUpCommand.temporaryDirectory(prefix: "bridgectl-bench")
        let log = directory + "/dev-up.out"
        let status = try await BlockingCall.run { () throws(BridgeError) in
            try ShortCommand.run(
                DevChildProcesses.executable, ["dev", "up", "--detach", "--state-dir", directory], log: log)
        }
        guard status == 0 else {
            let tail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline)
                .suffix(2).joined(separator: " | ")
            try? FileManager.default.removeItem(atPath: directory)
            throw .failure("the embedded stack did not start (dev up exited \(status)): \(tail)")
        }
        return directory
    }

    /// `dev down` for an embedded stack, then its folder goes.
    static func stopEmbeddedStack(_ directory: String) {
        _ = try? ShortCommand.run(
            DevChildProcesses.executable, ["dev", "down", "--state-dir", directory], log: "/dev/null")
        try? FileManager.default.removeItem(atPath: directory)
    }
}

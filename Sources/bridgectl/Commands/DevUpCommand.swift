import ArgumentParser
import BridgeCore
import Foundation
import Logging
import UnixSignals

#if canImport(Glibc)
    import Glibc
#endif

struct DevUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start broker, Consul agent, PostgreSQL, registry and demo nodes; show the flow.",
        discussion: """
            Starts 'dev broker' (127.0.0.1:9092), 'dev consul' (127.0.0.1:8500), a throwaway PostgreSQL \
            (initdb'd by this command, on 127.0.0.1:5432; or --postgres-url), a registry (/health on 8062) \
            and, with --demo N, N demo nodes (orchestrators on 8060, reducers on 8061): each on its \
            conventional port when free, else on a free one (two 'dev up' on one host start one after the \
            other, so the second gets free ports). Once every part answers and the demo nodes are \
            in both stores it prints the addresses, then one line per change it sees in Consul and \
            PostgreSQL, and a heartbeat summary every 10 seconds. Ctrl-C (or SIGTERM) stops everything it \
            started, nodes first; while it is still starting too (it then exits 130). With --detach it \
            returns once the stack is ready and leaves it running; the addresses and process ids go to \
            <state dir>/stack.json, which 'dev down' and the --state-dir of other commands read. Logs of \
            each part: <state dir>/logs/.

            Examples:
              bridgectl dev up --demo 4
              bridgectl dev up --demo 2 --detach && bridgectl dev down
              bridgectl dev up --postgres-url postgres://user@db.example:5432/bridge
            """)

    @Option(name: .long, help: "Demo nodes to run: half orchestrators, half reducers (default: 0).")
    var demo: Int = 0

    @Option(
        name: .long,
        help:
            "Where stack.json, logs and the throwaway cluster live (default: ~/.local/state/bridgectl with --detach, else a temporary folder)."
    )
    var stateDir: String?

    @Option(
        name: .long,
        help:
            "Use this PostgreSQL instead of a throwaway cluster (default: a throwaway cluster under the state directory)."
    )
    var postgresURL: String?

    @Flag(name: .long, help: "Return once the stack is ready and leave it running ('dev down' stops it).")
    var detach = false

    @Option(name: .long, help: "The environment of the registry and the demo nodes (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Option(name: .long, help: "Seconds between the demo nodes' heartbeats (default: 5).")
    var heartbeatInterval: Double = 5

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...1_000).contains(demo) else {
            throw ValidationError("--demo \(demo) is out of range; accepted: 0 to 1000.")
        }
        guard heartbeatInterval >= 0.1, heartbeatInterval <= 3_600 else {
            throw ValidationError(
                "--heartbeat-interval \(heartbeatInterval) is out of range; accepted: 0.1 to 3600 seconds.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        let started = ContinuousClock.now
        // Trapped before the first child starts: from then on a signal stops what was started,
        // whatever the phase (its default action would end this process and leave the children,
        // each in a session of its own, and the cluster running). Kept to the end, so that a second
        // signal during the cleanup is trapped too.
        let stopSignals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        defer { withExtendedLifetime(stopSignals) {} }
        try await CommandFailure.reporting {
            let environment = try EnvironmentName.resolve(self.environment, source: .process())
            let stateDirectory = try Self.prepareStateDirectory(stateDir, detach: detach)
            if let existing = try? DevStackFile.load(stateDirectory: stateDirectory),
                existing.processes.contains(where: { DevChildProcesses.isAlive($0.pid) })
            {
                throw BridgeError.usage(
                    "a stack is already up in \(stateDirectory); stop it with 'bridgectl dev down --state-dir \(stateDirectory)' or choose another --state-dir"
                )
            }
            let children = DevChildProcesses(stateDirectory: stateDirectory)
            let command = self
            let work = Task {
                try await command.startAndWatch(
                    children: children, stateDirectory: stateDirectory, environment: environment, started: started)
            }
            // A signal that came before this point is buffered by the sequence and cancels at once.
            let stoppedBy = Task { () -> UnixSignal? in
                for await signal in stopSignals {
                    work.cancel()
                    return signal
                }
                return nil
            }
            let result = await work.result
            stoppedBy.cancel()
            let signal = await stoppedBy.value
            switch result {
            case .success(.detached):
                return
            case .success(.stopped(let failure)):
                print("stopping: nodes, registry, consul, broker\(children.postgres == nil ? "" : ", postgresql")")
                fflush(nil)
                await children.stopAll()
                if let postgres = children.postgres { try await Self.discard(postgres) }
                if stateDir == nil { try? FileManager.default.removeItem(atPath: stateDirectory) }
                print("stopped")
                if let failure { throw failure }
            case .failure(let error):
                await children.stopAll()
                if let postgres = children.postgres { try? await Self.discard(postgres) }
                if let signal {
                    if stateDir == nil { try? FileManager.default.removeItem(atPath: stateDirectory) }
                    throw BridgeError(
                        .interrupted,
                        "dev up was stopped by \(signal) while starting; everything it had started is stopped"
                    )
                }
                throw error
            }
        }
    }

    /// How the started stack ended: left running (`--detach`), or its flow watcher stopped (by a
    /// signal, or with the failure of a part that exited).
    enum Outcome: Sendable {
        case detached
        case stopped(BridgeError?)
    }

    /// Starts the stack, prints its addresses and, unless detached, shows the flow until cancelled.
    private func startAndWatch(
        children: DevChildProcesses, stateDirectory: String, environment: String, started: ContinuousClock.Instant
    ) async throws(BridgeError) -> Outcome {
        let lock = try await DevStartLock.acquire {
            StandardStreams.error("dev up: another 'dev up' is starting on this host; waiting until it is up")
        }
        let stack = try await startStack(children: children, stateDirectory: stateDirectory, environment: environment)
        withExtendedLifetime(lock) {}
        print(
            stack.summary(
                seconds: (ContinuousClock.now - started).seconds, stateDirectory: stateDirectory, detached: detach))
        fflush(nil)
        if detach {
            try stack.file.write(stateDirectory: stateDirectory)
            return .detached
        }
        let watcher = DevFlowWatcher(stack: stack, children: children)
        await watcher.run()
        return .stopped(watcher.failure)
    }

    /// The stack, part by part, each waited for before the next that needs it.
    private func startStack(
        children: DevChildProcesses, stateDirectory: String, environment: String
    ) async throws(BridgeError) -> DevStack {
        let brokerPort = LoopbackPort.preferred(DevBrokerConfiguration.defaultPort)
        let adminPort = LoopbackPort.preferred(DevBrokerConfiguration.defaultAdminPort)
        let consulPort = LoopbackPort.preferred(DevConsulConfiguration.defaultPort)
        let registryPort = LoopbackPort.preferred(RegistryRunConfiguration.defaultPort)
        let bootstrap = "127.0.0.1:\(brokerPort)"
        let consulURL = "http://127.0.0.1:\(consulPort)"

        let broker = try children.start(
            "broker", ["dev", "broker", "--port", String(brokerPort), "--admin-port", String(adminPort)])
        let consul = try children.start("consul", ["dev", "consul", "--port", String(consulPort)])

        let postgresURL: String
        var postgresDirectory: String?
        if let given = self.postgresURL {
            postgresURL = given
        } else {
            guard let bin = ThrowawayPostgres.findBinaries() else {
                throw .unavailable(
                    "no PostgreSQL server binaries under /usr/lib/postgresql; install the 'postgresql' package or give --postgres-url"
                )
            }
            // PostgreSQL runs as the postgres user when we are root, and must reach its folder.
            let root: String
            if getuid() == 0 {
                root = try Self.temporaryDirectory(prefix: "bridgectl-dev-pg")
            } else {
                root = stateDirectory + "/postgres"
            }
            let cluster = ThrowawayPostgres(
                root: root, port: LoopbackPort.preferred(5432), binDirectory: bin)
            // Recorded before it starts: a start that fails or is interrupted halfway is still discarded.
            children.postgres = cluster
            try await BlockingCall.run { () throws(BridgeError) in try cluster.start() }
            postgresURL = cluster.url
            postgresDirectory = root
        }

        let probe = DevStackProbe(
            consulURL: consulURL, postgres: PostgresSettings(connectionString: postgresURL, origin: "--postgres-url"),
            environment: environment)
        try await Self.wait("the broker on \(bootstrap)", children: children, timeout: 30) {
            LoopbackPort.isListening(brokerPort)
        }
        try await Self.wait("the Consul agent on \(consulURL)", children: children, timeout: 30) {
            await probe.status(consulURL + "/v1/status/leader") == 200
        }
        let connection = [
            "--brokers", bootstrap, "--consul", "127.0.0.1:\(consulPort)", "--postgres-url", postgresURL,
        ]
        let registry = try children.start(
            "registry",
            [
                "registry", "run", "--port", String(registryPort), "--environment", environment, "--heartbeat-interval",
                String(heartbeatInterval),
            ] + connection)
        let registryURL = "http://127.0.0.1:\(registryPort)"
        try await Self.wait("the registry on \(registryURL)/health", children: children, timeout: 60) {
            await probe.status(registryURL + "/health") == 200
        }

        var nodes: [DevStack.NodeGroup] = []
        let orchestrators = (demo + 1) / 2
        let reducers = demo / 2
        for (type, count, port) in [("orchestrator", orchestrators, 8060), ("reducer", reducers, 8061)] where count > 0
        {
            let bound = LoopbackPort.preferred(port)
            var arguments = [
                "node", "run", "--node-type", type, "--port", String(bound), "--heartbeat-interval",
                String(heartbeatInterval), "--brokers", bootstrap,
            ]
            arguments +=
                count == 1
                ? ["--node-id", "\(type)-demo-1"] : ["--count", String(count), "--node-id-prefix", "\(type)-demo"]
            let process = try children.start("\(type)s", arguments)
            nodes.append(
                DevStack.NodeGroup(
                    nodeType: type, count: count, port: bound, pid: process))
        }
        let expected = Set(nodes.flatMap { group in (1...group.count).map { "\(group.nodeType)-demo-\($0)" } })
        if !expected.isEmpty {
            let database = try await PostgresConnection.connect(
                probe.postgres, logger: Logger(label: "bridgectl.dev-up"), connectTimeoutSeconds: 3)
            try await Self.wait("the \(demo) demo nodes in Consul and PostgreSQL", children: children, timeout: 60) {
                guard let rows = await probe.rows(database)?.rows, let checks = await probe.consulChecks() else {
                    return false
                }
                return expected.allSatisfy { rows[$0] != nil && checks[$0] == "passing" }
            }
        }
        probe.shutdown()

        var processes = [DevStackFile.StartedProcess(name: "broker", pid: broker)]
        processes.append(.init(name: "consul", pid: consul))
        processes.append(.init(name: "registry", pid: registry))
        processes += nodes.map { .init(name: "\($0.nodeType)s", pid: $0.pid) }
        let file = DevStackFile(
            bootstrapServers: bootstrap, consulURL: consulURL, postgresURL: postgresURL, registryURL: registryURL,
            environment: environment, postgresDataDirectory: postgresDirectory, processes: processes)
        return DevStack(
            file: file, adminPort: adminPort, nodes: nodes, postgres: children.postgres,
            logDirectory: children.logDirectory)
    }

    /// Polls `condition` every 100 ms; fails with the part's own last words when a child exits first.
    static func wait(
        _ what: String, children: DevChildProcesses, timeout: Double, _ condition: () async -> Bool
    ) async throws(BridgeError) {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while ContinuousClock.now < deadline {
            if Task.isCancelled { throw BridgeError(.interrupted, "interrupted while waiting for \(what)") }
            if let (name, status) = children.exited {
                throw .failure(
                    "'\(name)' exited (status \(status)) while waiting for \(what): \(children.logTail(name))")
            }
            if await condition() { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw .failure("timed out after \(Int(timeout)) s waiting for \(what); logs in \(children.logDirectory)")
    }

    /// The state directory, created; a temporary one when none is given and the stack is not detached.
    static func prepareStateDirectory(_ given: String?, detach: Bool) throws(BridgeError) -> String {
        let path: String
        if let given {
            path = given
        } else if detach {
            path = defaultStateDirectory
        } else {
            return try temporaryDirectory(prefix: "bridgectl-dev")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .usage(
                "cannot create the state directory \(path): \(error.localizedDescription); give a writable --state-dir")
        }
        return path
    }

    /// `$XDG_STATE_HOME/bridgectl`, else `~/.local/state/bridgectl`.
    static var defaultStateDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/bridgectl" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/bridgectl"
    }

    /// A fresh folder under /tmp readable by others (the postgres user must reach a cluster in it),
    /// named with a random suffix; created without intermediate folders, so a name taken is refused.
    static func temporaryDirectory(prefix: String) throws(BridgeError) -> String {
        for _ in 0..<10 {
            let suffix = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
            let path = "/tmp/\(prefix).\(suffix)"
            guard mkdir(path, 0o755) == 0 else {
                if errno == EEXIST { continue }
                throw .failure("cannot create \(path): \(String(cString: strerror(errno)))")
            }
            chmod(path, 0o755)  // mkdir's mode is masked by the umask
            return path
        }
        throw .failure("cannot create a fresh folder under /tmp (10 names taken)")
    }

    /// Stops a throwaway cluster and removes its folder.
    static func discard(_ cluster: ThrowawayPostgres) async throws(BridgeError) {
        try await BlockingCall.run { () throws(BridgeError) in cluster.stop() }
        try? FileManager.default.removeItem(atPath: cluster.root)
    }
}

import BridgeCore
import Foundation
import Logging
import Synchronization

/// `dev up`'s foreground: prints what changes in Consul and PostgreSQL once a second and a heartbeat
/// summary every 10 seconds, until its task is cancelled (Ctrl-C, SIGTERM) or until a part of the
/// stack exits (then `failure` says which).
final class DevFlowWatcher: Sendable {
    private let stack: DevStack
    private let children: DevChildProcesses
    private let failed = Mutex<BridgeError?>(nil)

    init(stack: DevStack, children: DevChildProcesses) {
        self.stack = stack
        self.children = children
    }

    var failure: BridgeError? { failed.withLock { $0 } }

    func run() async {
        let probe = DevStackProbe(
            consulURL: stack.file.consulURL,
            postgres: PostgresSettings(connectionString: stack.file.postgresURL, origin: "dev up"),
            environment: stack.file.environment)
        defer { probe.shutdown() }
        var logger = Logger(label: "bridgectl.dev-up")
        logger.logLevel = .critical
        let connection = try? await PostgresConnection.connect(
            probe.postgres, logger: logger, connectTimeoutSeconds: 3, reconnectFor: .seconds(1))
        var flow = DevFlowState()
        var lastSummary = ContinuousClock.now
        while !Task.isCancelled {
            if let (name, status) = children.exited {
                failed.withLock {
                    $0 = .failure("'\(name)' exited (status \(status)): \(children.logTail(name)); stopping the rest")
                }
                StandardStreams.error("bridgectl dev up: '\(name)' exited (status \(status)); stopping the rest")
                break
            }
            let checks = await probe.consulChecks()
            var rows: (rows: [String: DevFlowState.Row], newestHeartbeat: Double?)?
            if let connection { rows = await probe.rows(connection) }
            if let checks, let rows {
                for line in flow.update(checks: checks, rows: rows.rows) { print(Self.stamp() + line) }
                if ContinuousClock.now - lastSummary >= .seconds(10) {
                    lastSummary = .now
                    let passing = checks.values.filter { $0 == "passing" }.count
                    let age = rows.newestHeartbeat.map { String(format: "%.1f s ago", $0) } ?? "none yet"
                    print(
                        Self.stamp()
                            + "heartbeats  \(rows.rows.count) live nodes in PostgreSQL, newest heartbeat \(age); \(passing) passing checks in Consul"
                    )
                }
            } else {
                print(Self.stamp() + "waiting     Consul or PostgreSQL did not answer")
            }
            fflush(nil)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private static func stamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d  ", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}

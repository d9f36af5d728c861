import BridgeCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `bridgectl` child processes `dev up` starts (broker, Consul agent, registry, demo nodes), each
/// in a session of its own (so a terminal's Ctrl-C reaches `dev up` alone, which then stops them in
/// order, and a detached stack outlives the shell) with its output in `<state dir>/logs/<name>.log`.
final class DevChildProcesses: @unchecked Sendable {
    // @unchecked: `started` and `postgres` are only touched by one task at a time (the start and the
    // flow watcher, then, once it ended, the command's stop).
    private(set) var started: [(name: String, pid: pid_t)] = []
    private var exitStatus: [pid_t: Int32] = [:]
    /// The throwaway PostgreSQL cluster, once `pg_ctl` started it: discarded with the rest.
    var postgres: ThrowawayPostgres?
    let logDirectory: String

    init(stateDirectory: String) {
        logDirectory = stateDirectory + "/logs"
        try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
    }

    /// This executable, by absolute path (`swift run` and relative invocations included).
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func logPath(_ name: String) -> String { logDirectory + "/\(name).log" }

    func start(_ name: String, _ arguments: [String]) throws(BridgeError) -> pid_t {
        let pid = try ShortCommand.spawn(Self.executable, arguments, log: logPath(name), newSession: true)
        started.append((name, pid))
        return pid
    }

    /// The last lines of a child's log, for saying why it stopped.
    func logTail(_ name: String, lines: Int = 3) -> String {
        let text = (try? String(contentsOfFile: logPath(name), encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: " | ")
    }

    /// The first child that is no longer running, with its exit code (reaped here).
    var exited: (name: String, status: Int32)? {
        for (name, pid) in started {
            if let status = exitStatus[pid] { return (name, status) }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus[pid] = ShortCommand.exitCode(status)
                return (name, ShortCommand.exitCode(status))
            }
        }
        return nil
    }

    /// SIGTERM to each, newest first, waiting for each to exit (SIGKILL after `grace`).
    func stopAll(grace: Duration = .seconds(10)) async {
        for (_, pid) in started.reversed() where exitStatus[pid] == nil {
            await Self.stop(pid: pid, grace: grace)
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)
        }
        started = []
    }

    /// Stops one process by pid: SIGTERM, then SIGKILL when still there after `grace`. For pids from a
    /// `stack.json` as much as for children (a child of ours that exited stays a zombie until reaped,
    /// which counts as gone).
    static func stop(pid: Int32, grace: Duration = .seconds(10)) async {
        guard pid > 0, isAlive(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if !isAlive(pid) { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
    }

    /// Alive and not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z"
    }
}

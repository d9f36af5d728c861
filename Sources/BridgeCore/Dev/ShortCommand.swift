import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short command to completion with posix_spawn and waitpid, its output appended to a log
/// file, inheriting no descriptor of ours (a daemon it leaves behind, like PostgreSQL's, must not hold
/// our sockets). Foundation's `Process.waitUntilExit()` was seen never returning for `pg_ctl start`.
/// Blocks: call it off the cooperative pool.
public enum ShortCommand {
    public static func run(_ executable: String, _ arguments: [String], log: String) throws(BridgeError) -> Int32 {
        let pid = try spawn(executable, arguments, log: log, newSession: false)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return exitCode(status)
    }

    /// Starts `executable` with stdin from /dev/null and stdout and stderr appended to `log`; with
    /// `newSession`, in a session of its own (no terminal signals, outlives its parent's shell).
    public static func spawn(
        _ executable: String, _ arguments: [String], log: String, newSession: Bool
    ) throws(BridgeError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // glibc's POSIX_SPAWN_SETSID (spawn.h), which Swift does not import.
        if newSession { posix_spawnattr_setflags(&attributes, 0x80) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw .failure("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// The exit code of a wait status (WIFEXITED/WEXITSTATUS; 128 + signal when killed), which Swift
    /// does not import as functions.
    public static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

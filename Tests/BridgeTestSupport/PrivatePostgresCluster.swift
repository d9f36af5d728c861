import Foundation

/// A PostgreSQL cluster of a test's own (initdb in a temporary folder, a free port, trust auth), for
/// tests that stop and start the server without disturbing the shared one. Runs as the `postgres`
/// user when we are root (the server refuses root).
public final class PrivatePostgresCluster: Sendable {
    public let directory: String
    public let port: Int
    public let bin: String
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    /// With a `password`, the cluster requires it (scram-sha-256) instead of trusting every local user.
    public init(password: String? = nil) throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw Wait.TimedOut(what: "PostgreSQL server binaries under /usr/lib/postgresql", seconds: 0)
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "bridgectl-pg.test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            ).path
        port = FreePort.allocate()
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/socket", withIntermediateDirectories: true)
        if getuid() == 0 { _ = try Self.run("/bin/chown", ["-R", "postgres:postgres", directory], asPostgres: false) }
        _ = try Self.run("/bin/chmod", ["700", directory + "/data"], asPostgres: getuid() == 0)
        var initdb = ["-D", directory + "/data", "-U", "postgres", "--no-sync"]
        if let password {
            let file = directory + "/pwfile"
            try password.write(toFile: file, atomically: true, encoding: .utf8)
            if getuid() == 0 { _ = try Self.run("/bin/chown", ["postgres:postgres", file], asPostgres: false) }
            initdb += ["-A", "scram-sha-256", "--pwfile=" + file]
        } else {
            initdb += ["-A", "trust"]
        }
        guard try Self.run(bin + "/initdb", initdb) == 0 else { throw Wait.TimedOut(what: "initdb", seconds: 0) }
        try start()
    }

    public func start() throws {
        let status = try Self.run(
            bin + "/pg_ctl",
            [
                "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-o",
                "-p \(port) -k \(directory)/socket -c listen_addresses=127.0.0.1", "start",
            ])
        guard status == 0 else {
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw Wait.TimedOut(what: "pg_ctl start on port \(port): \(log.suffix(1500))", seconds: 60)
        }
    }

    /// Stops the server in fast mode: open sessions are cut, as when a database goes away.
    public func stop() throws {
        _ = try Self.run(bin + "/pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"])
    }

    /// Stops the server and removes its folder.
    public func destroy() {
        _ = try? Self.run(bin + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) throws -> Int32 {
        if asPostgres && getuid() == 0 {
            return try ChildProcess.run(
                "/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments, captureOutput: false
            ).status
        }
        return try ChildProcess.run(executable, arguments, captureOutput: false).status
    }
}

import Foundation

/// A PostgreSQL cluster of `dev up`'s own: initdb'd under the state directory with trust
/// authentication on 127.0.0.1, run by `pg_ctl`, removed by `dev down`. PostgreSQL refuses to run as
/// root, so as root the commands run as the `postgres` user (Debian's package creates it). Every
/// call blocks (it waits for the server): callers run it off the cooperative pool.
public struct ThrowawayPostgres: Sendable {
    public let root: String
    public let port: Int
    public let binDirectory: String

    public var dataDirectory: String { root + "/data" }
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    public init(root: String, port: Int, binDirectory: String) {
        self.root = root
        self.port = port
        self.binDirectory = binDirectory
    }

    /// The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin).
    public static func findBinaries() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return versions.compactMap { Int($0) }.sorted().reversed().map { "\(base)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// initdb (when the data directory is new) and start; returns once the server accepts connections.
    public func start() throws(BridgeError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            try? manager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            try? manager.createDirectory(atPath: root + "/socket", withIntermediateDirectories: true)
            if getuid() == 0 {
                try run("/bin/chown", ["-R", "postgres:postgres", root], asPostgres: false, what: "chown")
            }
            try run(
                binDirectory + "/initdb",
                ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], what: "initdb")
        }
        try run(
            binDirectory + "/pg_ctl",
            [
                "-D", dataDirectory, "-l", root + "/server.log", "-w", "-t", "60", "-o",
                "-p \(port) -k \(root)/socket -c listen_addresses=127.0.0.1 -c max_connections=200", "start",
            ], what: "pg_ctl start")
    }

    /// Stops the server (fast: open sessions are cut); nothing when it is not running.
    public func stop() {
        try? run(
            binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], what: "pg_ctl stop"
        )
    }

    private func run(
        _ executable: String, _ arguments: [String], asPostgres: Bool = true, what: String
    )
        throws(BridgeError)
    {
        let log = root + "/\(what.replacingOccurrences(of: " ", with: "-")).log"
        let status =
            asPostgres && getuid() == 0
            ? try ShortCommand.run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments, log: log)
            : try ShortCommand.run(executable, arguments, log: log)
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let server = (try? String(contentsOfFile: root + "/server.log", encoding: .utf8)) ?? ""
            throw .failure(
                "\(what) failed (exit \(status)) for the PostgreSQL cluster in \(root): "
                    + (tail + "\n" + server).split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | "))
        }
    }
}

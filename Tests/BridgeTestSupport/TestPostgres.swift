import BridgeCore
import Foundation
import Logging

/// The throwaway PostgreSQL that scripts/test starts (DATABASE_URL, PGTHROWAWAY_DIR, PGTHROWAWAY_BIN):
/// a fresh database per test, and stop/start of the server for outage tests.
public enum TestPostgres {
    /// The cluster's URL, or nil when no throwaway cluster runs (tests then skip with a message).
    public static var baseURL: String? { ProcessInfo.processInfo.environment["DATABASE_URL"] }

    public static let skipReason = "DATABASE_URL is not set: run the suite through scripts/test (it starts PostgreSQL)"

    /// Creates an empty database and returns its URL.
    public static func freshDatabase(_ prefix: String = "t") async throws -> String {
        guard let base = baseURL else { throw Wait.TimedOut(what: skipReason, seconds: 0) }
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try await PostgresConnection.connect(
            PostgresSettings(connectionString: base, origin: "test"), logger: Logger(label: "test.postgres"))
        try await admin.execute("CREATE DATABASE \(name)")
        return replacingDatabase(in: base, with: name)
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard
            let slash = url.range(of: "/", options: .backwards, range: url.range(of: "://")!.upperBound..<url.endIndex)
        else { return url + "/" + name }
        return String(url[..<slash.upperBound]) + name
    }

    public static func connect(_ url: String) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            PostgresSettings(connectionString: url, origin: "test"), logger: Logger(label: "test.postgres"))
    }

    /// Runs psql with `sql` and returns its unaligned, tuples-only output.
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let outcome = try ChildProcess.run(
            "/usr/bin/psql", [url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard outcome.status == 0 else { throw Wait.TimedOut(what: "psql to succeed on: \(sql)", seconds: 0) }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

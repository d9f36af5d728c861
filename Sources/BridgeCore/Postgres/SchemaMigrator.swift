import Foundation
import Logging

/// Applies `RegistrySchema.migrations` that are not yet recorded, in one transaction each, under an
/// advisory lock so two registries starting together do not race.
public struct SchemaMigrator: Sendable {
    /// Arbitrary, fixed: the advisory lock key of bridgectl's migrations.
    static let lockKey: Int64 = 0x7361_7269_6769_7374

    public let migrations: [SchemaMigration]

    public init(migrations: [SchemaMigration] = RegistrySchema.migrations) {
        self.migrations = migrations
    }

    public struct Step: Sendable, Hashable {
        public let version: Int
        public let name: String
        /// true: applied by this run (or, in a dry run, would be); false: already recorded.
        public let pending: Bool
    }

    /// Applies what is missing (nothing when `dryRun`) and returns every migration with its state.
    public func migrate(_ connection: PostgresConnection, dryRun: Bool = false) async throws(BridgeError) -> [Step] {
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        try await connection.execute("SELECT pg_advisory_lock($1::bigint)", [String(Self.lockKey)])
        do {
            let steps = try await apply(connection, dryRun: dryRun)
            try await connection.execute("SELECT pg_advisory_unlock($1::bigint)", [String(Self.lockKey)])
            return steps
        } catch {
            _ = try? await connection.execute(
                "SELECT pg_advisory_unlock($1::bigint)", [String(Self.lockKey)])
            throw error
        }
    }

    private func apply(_ connection: PostgresConnection, dryRun: Bool) async throws(BridgeError) -> [Step] {
        let recorded = try await connection.execute("SELECT version, checksum FROM schema_migrations").records
        var applied: [Int: String] = [:]
        for record in recorded {
            if let version = record.int("version") { applied[Int(version)] = record["checksum"] ?? "" }
        }
        var steps: [Step] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            if let checksum = applied[migration.version] {
                if checksum != migration.checksum {
                    throw .failure(
                        "Migration \(migration.version) (\(migration.name)) was applied with checksum \(checksum) but is "
                            + "now \(migration.checksum); migrations must not change once applied.")
                }
                steps.append(Step(version: migration.version, name: migration.name, pending: false))
                continue
            }
            if !dryRun {
                try await connection.transaction { (c) throws(BridgeError) in
                    for statement in Self.statements(migration.sql) { try await c.execute(statement) }
                    try await c.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1::integer, $2::text, $3::text)",
                        [String(migration.version), migration.name, migration.checksum])
                }
            }
            steps.append(Step(version: migration.version, name: migration.name, pending: true))
        }
        return steps
    }

    /// The migration split into statements (prepared statements take one at a time). Migrations are
    /// ours and contain no semicolons inside literals.
    static func statements(_ sql: String) -> [String] {
        sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

import Foundation

/// How to reach PostgreSQL: a libpq connection string. First found wins: `--postgres-url`,
/// `DATABASE_URL`, the seed's `POSTGRES_HOST`/`POSTGRES_PORT`/`POSTGRES_DB`/`POSTGRES_USER`/
/// `POSTGRES_PASSWORD`, then libpq's own `PG*` variables and defaults (an empty string lets libpq
/// read those itself).
public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
    /// May hold a password: never print it, print `description` instead.
    public let connectionString: String
    /// Where the setting came from, for messages ("--postgres-url", "DATABASE_URL", …).
    public let origin: String

    public init(connectionString: String, origin: String) {
        self.connectionString = connectionString
        self.origin = origin
    }

    public var description: String {
        connectionString.isEmpty
            ? "libpq defaults (PG* variables)" : SecretRedaction.redactConnectionString(connectionString)
    }

    public static func resolve(url flag: String?, source: ConfigurationSource) -> PostgresSettings {
        if let flag { return PostgresSettings(connectionString: flag, origin: "--postgres-url") }
        if let url = source.value("DATABASE_URL") {
            return PostgresSettings(connectionString: url, origin: "DATABASE_URL")
        }
        let seedVariables = [
            ("POSTGRES_HOST", "host"), ("POSTGRES_PORT", "port"), ("POSTGRES_DB", "dbname"),
            ("POSTGRES_USER", "user"), ("POSTGRES_PASSWORD", "password"),
        ]
        let pairs = seedVariables.compactMap { variable, keyword in
            source.value(variable).map { "\(keyword)=\(quote($0))" }
        }
        if !pairs.isEmpty {
            return PostgresSettings(connectionString: pairs.joined(separator: " "), origin: "POSTGRES_* variables")
        }
        return PostgresSettings(connectionString: "", origin: "PG* variables")
    }

    /// A libpq key=value value: single-quoted, with `\` and `'` escaped.
    static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

import ArgumentParser
import BridgeCore

/// `--postgres-url` for every PostgreSQL-using command.
struct PostgresOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq's PG*)."
    )
    var postgresURL: String?

    func settings(_ source: ConfigurationSource = .process()) -> PostgresSettings {
        PostgresSettings.resolve(url: postgresURL, source: source)
    }
}

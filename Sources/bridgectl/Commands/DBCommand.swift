import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "PostgreSQL schema management.", subcommands: [DBMigrateCommand.self])
}

struct DBMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema's versioned migrations (the registry also does on start).",
        discussion: """
            Migrations are recorded in schema_migrations with a checksum and applied under an advisory lock, \
            so running this twice, or from two registries at once, changes nothing the second time.

            Examples:
              bridgectl db migrate --postgres-url postgresql://bridge@127.0.0.1/bridge
              bridgectl db migrate --dry-run --output json
            """)

    @Flag(name: .long, help: "Show what would be applied without changing anything.")
    var dryRun = false

    @Option(name: .long, help: "Output format: table or json (default: table).")
    var output: OutputFormat = .table

    @OptionGroup var postgres: PostgresOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not available here; accepted: table, json.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let settings = postgres.settings()
            let connection = try await PostgresConnection.connect(settings, logger: Logger(label: "bridgectl.postgres"))
            let steps = try await SchemaMigrator().migrate(connection, dryRun: dryRun)
            if output == .json {
                let items: [JSONValue] = steps.map {
                    [
                        "version": .int(Int64($0.version)), "name": .string($0.name),
                        "state": .string($0.pending ? (dryRun ? "pending" : "applied") : "already applied"),
                    ]
                }
                StandardStreams.output(
                    JSONWriter.string(["database": .string(settings.description), "migrations": .array(items)]))
            } else {
                StandardStreams.output("database: \(settings.description)")
                for step in steps {
                    let state = step.pending ? (dryRun ? "pending" : "applied") : "already applied"
                    StandardStreams.output(
                        "\(TableText.right(String(step.version), 4))  \(TableText.pad(step.name, 30))  \(state)")
                }
                let changed = steps.filter(\.pending).count
                StandardStreams.output(
                    dryRun ? "\(changed) migration(s) would be applied" : "\(changed) migration(s) applied")
            }
        }
    }
}

import ArgumentParser

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "PostgreSQL schema management.", subcommands: [DBMigrateCommand.self])
}

struct DBMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the schema's versioned migrations.")

    func run() async throws { try CommandFailure.notBuilt("db migrate", issue: 4) }
}

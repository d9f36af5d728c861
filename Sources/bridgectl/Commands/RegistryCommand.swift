import ArgumentParser

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "The registry: consume announcements and register every node in Consul and PostgreSQL.",
        subcommands: [RegistryRunCommand.self]
    )
}

struct RegistryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the registry until SIGTERM or SIGINT.")

    func run() async throws { try CommandFailure.notBuilt("registry run", issue: 8) }
}

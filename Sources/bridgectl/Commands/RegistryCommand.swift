import ArgumentParser

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "The registry: consume announcements and register every node in Consul and PostgreSQL.",
        subcommands: [RegistryRunCommand.self]
    )
}

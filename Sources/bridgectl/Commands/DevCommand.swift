import ArgumentParser

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "The embedded default: a Kafka broker, a Consul agent, PostgreSQL and a registry on this machine.",
        subcommands: [DevBrokerCommand.self, DevConsulCommand.self, DevUpCommand.self, DevDownCommand.self]
    )
}

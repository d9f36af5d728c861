import ArgumentParser

struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "The embedded default: a Kafka broker, a Consul agent, PostgreSQL and a registry on this machine.",
        subcommands: [DevBrokerCommand.self, DevConsulCommand.self, DevUpCommand.self, DevDownCommand.self]
    )
}

struct DevUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Start broker, Consul agent, PostgreSQL, registry and demo nodes.")

    func run() async throws { try CommandFailure.notBuilt("dev up", issue: 11) }
}

struct DevDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Stop what a detached 'dev up' started.")

    func run() async throws { try CommandFailure.notBuilt("dev down", issue: 11) }
}

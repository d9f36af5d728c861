import ArgumentParser

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what Consul, PostgreSQL and Kafka hold, and where they disagree.",
        subcommands: [
            InspectConsulCommand.self, InspectPostgresCommand.self, InspectKafkaCommand.self, InspectDiffCommand.self,
        ]
    )
}

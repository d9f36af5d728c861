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

struct InspectDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Per node: newest event, Consul entry and PostgreSQL row side by side; exit 75 if any is partial.")

    func run() async throws { try CommandFailure.notBuilt("inspect diff", issue: 9) }
}

import ArgumentParser

struct ConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Read topics like kcat, decoding contract envelopes.",
        subcommands: [ConsumeTopicCommand.self]
    )
}

struct ConsumeTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic", abstract: "Print the messages of one topic.")

    func run() async throws { try CommandFailure.notBuilt("consume topic", issue: 3) }
}

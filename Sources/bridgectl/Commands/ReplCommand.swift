import ArgumentParser

struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "An interactive shell over every command, plus watch, status and node <id>.")

    func run() async throws { try CommandFailure.notBuilt("repl", issue: 13) }
}

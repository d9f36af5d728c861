import ArgumentParser

struct HeartbeatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeat",
        abstract: "Publish NODE_HEARTBEAT events for a node.")

    func run() async throws { try CommandFailure.notBuilt("heartbeat", issue: 3) }
}

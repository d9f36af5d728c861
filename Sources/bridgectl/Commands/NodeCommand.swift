import ArgumentParser

struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run a node (or N simulated nodes) that announces itself, or check a node's health.",
        subcommands: [NodeRunCommand.self, NodeHealthCommand.self]
    )
}

struct NodeRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Announce on start, heartbeat, answer registry requests, serve /health and /metrics.")

    func run() async throws { try CommandFailure.notBuilt("node run", issue: 7) }
}

struct NodeHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Exit 0 if a node answers healthy or degraded, 1 otherwise (for container health checks).")

    func run() async throws { try CommandFailure.notBuilt("node health", issue: 7) }
}

import ArgumentParser
import BridgeCore

@main
struct Bridgectl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridgectl",
        abstract:
            "Operate two-way registration: nodes announce on Kafka, a registry keeps Consul and PostgreSQL in step.",
        discussion: """
            Nodes publish NODE_INTROSPECTION and NODE_HEARTBEAT events on Kafka; the registry consumes them and \
            registers every node in both Consul and PostgreSQL, and asks every node to announce again when it \
            (re)starts.

            Configuration precedence: flag, then environment variable, then default.

            Exit codes:
            \(ExitStatus.allCases.map { "  " + TableText.right(String($0.rawValue), 3) + "  " + $0.meaning }.joined(separator: "\n"))
            """,
        version: BridgectlVersion.current,
        subcommands: [
            NodeCommand.self, RegistryCommand.self, IntrospectCommand.self, HeartbeatCommand.self,
            InspectCommand.self, ConsumeCommand.self, ReplCommand.self, DBCommand.self, DevCommand.self,
            BenchCommand.self,
        ]
    )

    /// ArgumentParser's own main, plus one last step: Kafka clients still being destroyed in the
    /// background are waited for (on the main thread), so the process exits with its status rather
    /// than dying under librdkafka's threads (see `KafkaClientTeardown`).
    @MainActor
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            KafkaClientTeardown.waitForPendingDestroys()
        } catch {
            KafkaClientTeardown.waitForPendingDestroys()
            exit(withError: error)
        }
    }
}

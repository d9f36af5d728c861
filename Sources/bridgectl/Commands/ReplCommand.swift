import ArgumentParser
import BridgeCore
import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "An interactive shell over every command, plus watch, status and node <id>.",
        discussion: """
            Every bridgectl command works inside it with the same syntax (without the leading 'bridgectl'). \
            REPL-only commands: watch (one line per event on the contract topics and their DLQs, until Ctrl-C), \
            status (each dependency: reachable, latency, version), node <id> (the node's recent events, Consul \
            entry and PostgreSQL row), set KEY VALUE and show (kafka, consul, postgres, environment, \
            topic-prefix; a setting applies to the commands that follow, a flag on a command still wins), help, \
            exit or quit. The prompt shows the stack it talks to, never a password. Ctrl-C cancels the running \
            command, Ctrl-D exits. History is kept in ~/.bridgectl_history (1,000 lines); Tab completes commands, \
            subcommands, options, topic names and node ids (fetched live, cached for 10 s).

            With standard input not a terminal, the lines are run as a script: no prompt, no line editing, and \
            the REPL stops at the first command that fails and exits with its code (with --keep-going it runs \
            every line and exits with the last failure's code).

            Examples:
              bridgectl repl
              bridgectl repl --state-dir /tmp/bridgectl-stack
              printf 'status\\ninspect diff\\n' | bridgectl repl --keep-going
            """)

    @Option(name: .long, help: "Read the addresses of a detached 'dev up' from DIR/stack.json (default: none).")
    var stateDir: String?

    @Option(name: .long, help: "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).")
    var brokers: String?

    @Option(
        name: .long,
        help: "Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).")
    var consul: String?

    @Option(
        name: .long,
        help: "PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq's PG*)."
    )
    var postgresURL: String?

    @Option(name: .long, help: "The environment (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Flag(name: .long, help: "In a script (stdin not a terminal), run every line even after a failure (default: stop).")
    var keepGoing = false

    @Option(name: .long, help: "History file (default: $HOME/.bridgectl_history).")
    var historyFile: String?

    @Option(name: .long, help: "Log level of the commands run inside: trace … critical (default: error).")
    var logLevel: Logger.Level = .error

    func run() async throws {
        let level = logLevel
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let session = ReplSession()
        try await CommandFailure.reporting {
            if let stateDir {
                let stack = try DevStackFile.load(stateDirectory: stateDir)
                try session.set(.kafka, stack.bootstrapServers)
                try session.set(.consul, stack.consulURL)
                try session.set(.postgres, stack.postgresURL)
                try session.set(.environment, stack.environment)
            }
            if let brokers { try session.set(.kafka, brokers) }
            if let consul { try session.set(.consul, consul) }
            if let postgresURL { try session.set(.postgres, postgresURL) }
            if let environment { try session.set(.environment, environment) }
        }
        let status: Int32
        if isatty(0) == 1 {
            status = await ReplInteractive(session: session, historyPath: historyPath()).run()
        } else {
            status = await session.runScript(keepGoing: keepGoing)
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func historyPath() -> String {
        if let historyFile { return historyFile }
        let home = ProcessEnvironment.all()["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".bridgectl_history")
    }
}

import ArgumentParser
import BridgeCore
import BridgeEvents
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What the REPL does with one line: a REPL-only command, or any bridgectl command parsed with the
/// root command and run in this process. Shared by the interactive loop and script mode.
final class ReplSession: Sendable {
    /// Why the loop should end after a line.
    enum Outcome: Equatable {
        case status(Int32)
        case exit
    }

    private let settings = Mutex(ReplSettings())

    /// Changes a setting and the environment every later command reads.
    func set(_ key: ReplSettings.Key, _ value: String) throws(BridgeError) {
        var copy = settings.withLock { $0 }
        try copy.set(key, value)
        settings.withLock { $0 = copy }
        ProcessEnvironment.override(key.variable, with: value)
    }

    var setKeys: Set<ReplSettings.Key> { Set(settings.withLock { $0.values.keys }) }

    var prompt: String { ReplSettings.prompt(.process()) }

    /// Runs one line; returns its exit status (0 for a blank line) or `.exit`.
    func execute(line: String) async -> Outcome {
        let words: [String]
        do {
            words = try CommandLineSplitter.split(line)
        } catch {
            StandardStreams.error("bridgectl: \(error.description)")
            return .status(ExitStatus.usage.rawValue)
        }
        guard let first = words.first else { return .status(0) }
        let arguments = Array(words.dropFirst())
        let status: Int32
        switch first {
        case "exit", "quit":
            return .exit
        case "help", "?":
            status = await help(arguments)
        case "set":
            status = setCommand(arguments)
        case "show":
            for line in ReplSettings.showLines(.process(), set: setKeys) { StandardStreams.output(line) }
            status = 0
        case "status":
            status = await ReplStatus.run()
        case "watch":
            status = await ReplWatch.run()
        case "node"
        where arguments.count == 1 && !["run", "health"].contains(arguments[0])
            && !arguments[0].hasPrefix("-"):
            status = await ReplNodeView.run(nodeID: arguments[0])
        default:
            status = await runCommand(words)
        }
        fflush(nil)
        return .status(status)
    }

    /// Parses `words` with the root command, as the shell would, and runs the command in-process.
    func runCommand(_ words: [String]) async -> Int32 {
        do {
            var command = try Bridgectl.parseAsRoot(words)
            if command is ReplCommand {
                StandardStreams.error("bridgectl: the REPL is already running; 'repl' cannot be nested.")
                return ExitStatus.usage.rawValue
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return Task.isCancelled ? ExitStatus.interrupted.rawValue : 0
        } catch {
            fflush(nil)
            let code = Bridgectl.exitCode(for: error)
            if code == .success {
                // --help, --version: the full text is the output.
                StandardStreams.output(Bridgectl.fullMessage(for: error))
            } else {
                let message = Bridgectl.message(for: error)
                if !message.isEmpty {
                    let line = message.split(separator: "\n").first.map(String.init) ?? message
                    StandardStreams.error(line.hasPrefix("bridgectl:") ? line : "bridgectl: " + line)
                }
            }
            return code.rawValue
        }
    }

    private func help(_ arguments: [String]) async -> Int32 {
        if !arguments.isEmpty {
            if ReplCompletion.replCommands.contains(arguments[0]) && arguments.count == 1 && arguments[0] != "node" {
                StandardStreams.output(Self.replHelp)
                return 0
            }
            return await runCommand(arguments + ["--help"])
        }
        var lines = ["Commands (as on the command line, without 'bridgectl'):"]
        for command in Bridgectl.configuration.subcommands {
            let configuration = command.configuration
            let name = configuration.commandName ?? ""
            lines.append("  " + TableText.pad(name, 12) + " " + configuration.abstract)
        }
        lines.append(Self.replHelp)
        lines.append("'help COMMAND [SUBCOMMAND]' shows a command's options.")
        StandardStreams.output(lines.joined(separator: "\n"))
        return 0
    }

    static let replHelp = """
        REPL commands:
          watch          one line per event on the contract topics and their DLQs, until Ctrl-C
          status         each dependency: reachable, latency, version
          node ID        the node's recent events, Consul entry and PostgreSQL row
          set KEY VALUE  change a connection setting (\(ReplSettings.Key.allCases.map(\.rawValue).joined(separator: ", ")))
          show           the connection settings (passwords masked)
          help [CMD]     this text, or a command's help
          exit, quit     leave (Ctrl-D too)
        """

    private func setCommand(_ arguments: [String]) -> Int32 {
        let accepted = ReplSettings.Key.allCases.map(\.rawValue).joined(separator: ", ")
        guard arguments.count == 2 || (arguments.count == 1 && arguments[0] == "topic-prefix") else {
            StandardStreams.error("bridgectl: set takes a key and a value (set KEY VALUE); keys: \(accepted).")
            return ExitStatus.usage.rawValue
        }
        guard let key = ReplSettings.Key(name: arguments[0]) else {
            StandardStreams.error("bridgectl: '\(arguments[0])' is not a setting; accepted: \(accepted).")
            return ExitStatus.usage.rawValue
        }
        do {
            try set(key, arguments.count == 2 ? arguments[1] : "")
        } catch {
            StandardStreams.error("bridgectl: \(error.message)")
            return error.status.rawValue
        }
        return 0
    }

    /// Script mode: every line of stdin, no prompt; stops at the first failure unless `keepGoing`.
    func runScript(keepGoing: Bool) async -> Int32 {
        var failure: Int32 = 0
        while let line = await Self.readStandardInputLine() {
            switch await execute(line: line) {
            case .exit: return failure
            case .status(0): continue
            case .status(let code):
                failure = code
                if !keepGoing { return code }
            }
        }
        return failure
    }

    private static let stdinQueue = DispatchQueue(label: "bridgectl.repl.stdin")

    /// One line of stdin, read on a dedicated queue (a blocking read never runs on the cooperative pool).
    static func readStandardInputLine() async -> String? {
        await withCheckedContinuation { continuation in
            stdinQueue.async { continuation.resume(returning: Swift.readLine(strippingNewline: true)) }
        }
    }
}

import ArgumentParser
import BridgeCore
import Foundation

struct DevDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop what a detached 'dev up' started.",
        discussion: """
            Reads <state dir>/stack.json, stops the processes it names (nodes first; SIGTERM, then SIGKILL \
            after 10 s), stops and removes the throwaway PostgreSQL cluster, and removes stack.json.

            Examples:
              bridgectl dev down
              bridgectl dev down --state-dir /tmp/stack
            """)

    @Option(name: .long, help: "The state directory given to 'dev up --detach' (default: ~/.local/state/bridgectl).")
    var stateDir: String?

    func run() async throws {
        try await CommandFailure.reporting {
            let directory = stateDir ?? DevUpCommand.defaultStateDirectory
            let stack = try DevStackFile.load(stateDirectory: directory)
            for process in stack.processes.reversed() {
                let alive = DevChildProcesses.isAlive(process.pid)
                await DevChildProcesses.stop(pid: process.pid)
                print("\(process.name): \(alive ? "stopped" : "was not running") (pid \(process.pid))")
            }
            if let root = stack.postgresDataDirectory, let bin = ThrowawayPostgres.findBinaries() {
                let cluster = ThrowawayPostgres(root: root, port: 0, binDirectory: bin)
                try await DevUpCommand.discard(cluster)
                print("postgresql: stopped, \(root) removed")
            }
            try? FileManager.default.removeItem(atPath: DevStackFile.path(stateDirectory: directory))
            try? FileManager.default.removeItem(atPath: directory + "/logs")
            print("dev down: nothing of the stack in \(directory) is left running")
        }
    }
}

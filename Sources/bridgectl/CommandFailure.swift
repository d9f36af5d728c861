import ArgumentParser
import BridgeCore

/// Runs a command body and turns a `BridgeError` into the one-line stderr message and exit status of
/// DESIGN.md §3.
enum CommandFailure {
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BridgeError {
            StandardStreams.error("bridgectl: \(error.message)")
            throw ExitCode(error.status.rawValue)
        }
    }

    /// Used by commands whose issue is not done yet: says so in one line and exits 1, never faking output.
    static func notBuilt(_ command: String, issue: Int) throws -> Never {
        StandardStreams.error("bridgectl: '\(command)' is not built yet (tracked in issue \(issue)).")
        throw ExitCode(ExitStatus.failure.rawValue)
    }
}

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
}

import Foundation

/// A real `bridgectl node run` on an ephemeral port (`--port 0`), started and waited for until it
/// prints the address it listens on.
public final class NodeRunProcess: Sendable {
    public let process: SpawnedProcess
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: SpawnedProcess, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts `bridgectl node run --port 0 ARGUMENTS` and waits for its "listening:" line.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double = 30
    ) async throws -> NodeRunProcess {
        let process = try BridgectlBinary.spawn(["node", "run", "--port", "0"] + arguments, environment: environment)
        var port: Int?
        do {
            try await Wait.until("node run to listen", timeout: timeout) {
                if !process.isRunning { throw ExitedEarly(stderr: process.stderr) }
                port = Self.listeningPort(in: process.stdout)
                return port != nil
            }
        } catch {
            await process.stop()
            throw error
        }
        return NodeRunProcess(process: process, port: port!)
    }

    static func listeningPort(in output: String) -> Int? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("listening: http://") }),
            let colon = line.dropFirst("listening: http://".count).firstIndex(of: ":")
        else { return nil }
        return Int(line[line.index(after: colon)...].prefix { $0.isNumber })
    }

    public struct ExitedEarly: Error, CustomStringConvertible {
        public let stderr: String
        public var description: String { "node run exited before listening: \(stderr)" }
    }

    /// Waits for a line of output containing `text`.
    public func waitForOutput(_ text: String, timeout: Double = 60) async throws {
        try await process.waitForOutput(text, timeout: timeout)
    }

    /// SIGTERM and the exit status (SIGKILL after `grace` seconds).
    @discardableResult
    public func stop(grace: Double = 10) async -> Int32 {
        process.signal(SIGTERM)
        if let status = try? await process.waitForExit(timeout: grace) { return status }
        await process.stop(grace: 0)
        return -1
    }
}

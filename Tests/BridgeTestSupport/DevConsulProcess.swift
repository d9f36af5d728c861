import Foundation

/// A `bridgectl dev consul` child process on a free port, for tests that talk to the dev agent over
/// real HTTP. Always `stop()` it (SIGTERM, then SIGKILL).
public final class DevConsulProcess: Sendable {
    public let port: Int
    public let process: SpawnedProcess

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The `host:port` form `--consul` and `CONSUL_HTTP_ADDR` take.
    public var address: String { "127.0.0.1:\(port)" }

    private init(port: Int, process: SpawnedProcess) {
        self.port = port
        self.process = process
    }

    /// Starts the agent and waits until it prints that it listens. `arguments` are added to
    /// `dev consul --port <free> --node-name <nodeName>` (e.g. `--reap-interval 1s`).
    /// `port` nil picks a free one; give the old one to restart an agent in place (state wiped).
    public static func start(
        _ arguments: [String] = [], nodeName: String = "bridgectl-test-node", port: Int? = nil
    ) async throws
        -> DevConsulProcess
    {
        let port = port ?? FreePort.allocate()
        let process = try BridgectlBinary.spawn(
            ["dev", "consul", "--port", String(port), "--node-name", nodeName] + arguments)
        do {
            try await process.waitForOutput("dev consul: listening on http://127.0.0.1:\(port)", timeout: 30)
        } catch {
            await process.stop()
            throw error
        }
        return DevConsulProcess(port: port, process: process)
    }

    public func stop() async {
        await process.stop()
    }
}

import Foundation

/// A real `bridgectl dev broker` process on free ports, for tests that need Kafka. Start one per
/// test (it starts in well under a second) and `stop()` it at the end.
public final class DevBrokerProcess: Sendable {
    public let port: Int
    public let adminPort: Int
    public let process: SpawnedProcess

    /// `127.0.0.1:PORT`, for `--brokers` and `bootstrap.servers`.
    public var bootstrap: String { "127.0.0.1:\(port)" }

    private init(port: Int, adminPort: Int, process: SpawnedProcess) {
        self.port = port
        self.adminPort = adminPort
        self.process = process
    }

    /// Starts a broker and waits until it says it is ready (its topics exist then).
    public static func start(
        partitions: Int = 12, brokers: Int = 1, environment: [String: String] = [:], timeout: Double = 30
    ) async throws -> DevBrokerProcess {
        let port = FreePort.allocate()
        let adminPort = FreePort.allocate()
        let process = try BridgectlBinary.spawn(
            [
                "dev", "broker", "--port", String(port), "--admin-port", String(adminPort), "--partitions",
                String(partitions), "--brokers", String(brokers),
            ], environment: environment)
        do {
            try await Wait.until("dev broker to be ready", timeout: timeout) {
                if !process.isRunning {
                    throw StartFailure(stderr: process.stderr)
                }
                return process.stdout.contains("\nready\n")
            }
        } catch {
            await process.stop()
            throw error
        }
        return DevBrokerProcess(port: port, adminPort: adminPort, process: process)
    }

    /// Starts a broker, runs `body` with it, and stops it whether `body` succeeded or threw.
    public static func with<T>(
        partitions: Int = 12, brokers: Int = 1, environment: [String: String] = [:],
        _ body: (DevBrokerProcess) async throws -> T
    ) async throws -> T {
        let broker = try await start(partitions: partitions, brokers: brokers, environment: environment)
        do {
            let result = try await body(broker)
            await broker.stop()
            return result
        } catch {
            await broker.stop()
            throw error
        }
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public let stderr: String
        public var description: String { "dev broker exited before it was ready: \(stderr)" }
    }

    /// `bridgectl dev broker down --broker …`; returns the command's result.
    @discardableResult
    public func down(_ broker: String = "all") async throws -> (status: Int32, stdout: String, stderr: String) {
        try await BridgectlBinary.run(
            ["dev", "broker", "down", "--broker", broker, "--admin-port", String(adminPort)], timeout: 30)
    }

    /// `bridgectl dev broker up --broker …`; returns the command's result.
    @discardableResult
    public func up(_ broker: String = "all") async throws -> (status: Int32, stdout: String, stderr: String) {
        try await BridgectlBinary.run(
            ["dev", "broker", "up", "--broker", broker, "--admin-port", String(adminPort)], timeout: 30)
    }

    /// SIGTERM (then SIGKILL if it lingers); returns the exit status.
    @discardableResult
    public func stop() async -> Int32 {
        await process.stop()
        return (try? await process.waitForExit(timeout: 1)) ?? -1
    }
}

import BridgeCore
import Logging

/// The dev Consul agent running inside the test process on a kernel-chosen port: the real agent
/// code over real HTTP, for library tests (e.g. of `ConsulClient`) that do not need a child process.
public final class DevConsulInProcess: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var settings: ConsulSettings { ConsulSettings(baseURL: baseURL) }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    public static func start(
        reapInterval: GoDuration = DevConsulConfiguration.defaultReapInterval,
        deregisterMinimum: GoDuration = DevConsulConfiguration.defaultDeregisterMinimum,
        antiEntropyInterval: GoDuration = DevConsulConfiguration.defaultAntiEntropyInterval
    ) async throws -> DevConsulInProcess {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = DevConsulServer(
            configuration: DevConsulConfiguration(
                port: 0, nodeName: "bridgectl-test-node", reapInterval: reapInterval,
                deregisterMinimum: deregisterMinimum, antiEntropyInterval: antiEntropyInterval),
            logger: Logger(label: "dev-consul-test", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw Wait.TimedOut(what: "the in-process dev consul to listen", seconds: 0)
        }
        return DevConsulInProcess(port: port, task: task)
    }

    /// Stops the agent and waits until its port is closed.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

import Logging
import ServiceLifecycle

/// `bridgectl dev consul`: a development stand-in for `consul agent -dev`, serving the subset of
/// Consul's HTTP API in contracts/consul-api.md from memory. A swift-service-lifecycle `Service`:
/// it runs until graceful shutdown (SIGTERM/SIGINT in the CLI), then stops accepting, ends open
/// connections and returns. Everything it holds is lost when it stops, as with `-dev`.
public final class DevConsulServer: Service, Sendable {
    public let configuration: DevConsulConfiguration
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void

    /// `onListening` receives the bound port once the agent accepts connections.
    public init(
        configuration: DevConsulConfiguration, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let agent = DevConsulAgent(configuration: configuration, logger: logger)
        let server = HTTPServer(
            configuration: .init(host: configuration.bindAddress, port: configuration.port),
            router: DevConsulRoutes.router(agent: agent, configuration: configuration), logger: logger,
            onListening: onListening)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { await agent.runTimers() }
            // The server returns on graceful shutdown (or fails to bind); the timers go with it.
            try await group.next()
            group.cancelAll()
        }
    }
}

import BridgeEvents
import Logging
import ServiceLifecycle

/// `bridgectl registry run` as a swift-service-lifecycle `Service`: the HTTP server (`/health`,
/// `/metrics`) and the pipeline, stopped together on SIGTERM/SIGINT. The server starts first so that
/// the registry can be watched while it waits for its dependencies.
public final class RegistryService: Service, Sendable {
    public let configuration: RegistryRunConfiguration
    public let metrics = RegistryMetrics()
    private let health: RegistryHealthBoard
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void

    public init(
        configuration: RegistryRunConfiguration, logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
        health = RegistryHealthBoard(
            RegistryHealth(
                registryID: configuration.options.registryID, environment: configuration.options.environment,
                groupID: configuration.groupID))
    }

    public var healthSnapshot: RegistryHealth { health.snapshot }

    public func run() async throws {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let onListening = self.onListening
        let server = HTTPServer(
            configuration: .init(host: configuration.bindHost, port: configuration.port), router: router(),
            logger: logger
        ) { port in
            onListening(port)
            portContinuation.yield(port)
            portContinuation.finish()
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await server.run()
            }
            var iterator = ports.makeAsyncIterator()
            if let port = await iterator.next() {
                let host =
                    configuration.advertisedHost.contains(":")
                    ? "[\(configuration.advertisedHost)]" : configuration.advertisedHost
                let pipeline = try RegistryPipeline(
                    configuration: configuration, metrics: metrics, health: health, logger: logger,
                    baseURL: "http://\(host):\(port)")
                try await pipeline.run()
                // The pipeline ended (shutdown): the server ends with the same graceful shutdown.
            }
            try await group.waitForAll()
        }
    }

    private func router() -> HTTPRouter {
        var router = HTTPRouter()
        let health = self.health
        let metrics = self.metrics
        router.on(["GET"], "/health") { _ in
            let snapshot = health.snapshot
            return .json(JSONWriter.bytes(snapshot.json()), status: snapshot.httpStatus)
        }
        router.on(["GET"], "/metrics") { _ in
            HTTPServerResponse(
                status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                body: Array(metrics.text().utf8))
        }
        return router
    }
}

import BridgeEvents
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `bridgectl dev broker`: librdkafka's mock cluster behind a fixed bootstrap port, with the
/// contract's topics created up front and an admin endpoint that takes brokers off and on the
/// network without losing their data. All data lives in this process's memory.
///
/// As a `Service` it runs until graceful shutdown (SIGTERM/SIGINT in a `ServiceGroup`), then stops
/// listening and destroys the cluster.
public final class DevBroker: Service, Sendable {
    /// The mock cluster's retention (librdkafka 2.0.2; not configurable there).
    public static let retentionCap =
        "5 MiB or 100,000 message sets per partition, whichever comes first; older data is dropped silently"

    public let configuration: DevBrokerConfiguration
    /// The bootstrap port actually bound (differs from the configuration's only when that was 0).
    public let port: Int
    public let adminPort: Int?
    private let cluster: MockClusterHolder
    private let availability: BrokerAvailability
    private let forwarder: BootstrapForwarder
    private let admin: DevBrokerAdminServer?
    private let logger: Logger

    public static func start(
        _ configuration: DevBrokerConfiguration, logger: Logger
    ) async throws(BridgeError)
        -> DevBroker
    {
        try configuration.validate()
        let cluster = MockClusterHolder(try MockKafkaCluster(brokerCount: configuration.brokerCount, logger: logger))
        let availability = BrokerAvailability(ports: cluster.current?.brokerPorts ?? [:])
        let group = MultiThreadedEventLoopGroup.singleton
        var forwarder: BootstrapForwarder?
        var admin: DevBrokerAdminServer?
        do {
            for topic in configuration.topics {
                try cluster.current?.createTopic(
                    topic, partitions: configuration.partitions, replicationFactor: configuration.replicationFactor)
            }
            let started = try await BootstrapForwarder.start(
                port: configuration.port, group: group, logger: logger, target: availability.portOfABrokerThatIsUp)
            forwarder = started
            if let adminPort = configuration.adminPort {
                admin = try await DevBrokerAdminServer.start(port: adminPort, group: group, logger: logger) {
                    request in
                    Self.answer(request, cluster: cluster, availability: availability, logger: logger)
                }
            }
            return DevBroker(
                configuration: configuration, cluster: cluster, availability: availability, forwarder: started,
                admin: admin, logger: logger)
        } catch {
            await forwarder?.close()
            await cluster.release()
            throw error
        }
    }

    private init(
        configuration: DevBrokerConfiguration, cluster: MockClusterHolder, availability: BrokerAvailability,
        forwarder: BootstrapForwarder, admin: DevBrokerAdminServer?, logger: Logger
    ) {
        self.configuration = configuration
        self.cluster = cluster
        self.availability = availability
        self.forwarder = forwarder
        self.admin = admin
        self.port = forwarder.port
        self.adminPort = admin?.port
        self.logger = logger
    }

    /// `127.0.0.1:PORT`, what clients put in bootstrap.servers.
    public var bootstrap: String { "127.0.0.1:\(port)" }

    public var brokers: [DevBrokerState] { availability.states }

    /// Takes the selected brokers off the network, or brings them back.
    public func set(_ selection: BrokerSelection, up: Bool) throws(BridgeError) -> [DevBrokerState] {
        try Self.set(selection, up: up, cluster: cluster, availability: availability, logger: logger)
        return availability.states
    }

    public func run() async throws {
        // Cancellation and graceful shutdown both end the wait; either way, stop.
        try? await gracefulShutdown()
        await stop()
    }

    /// Stops listening and destroys the mock cluster (and everything it held).
    public func stop() async {
        await forwarder.close()
        await admin?.close()
        guard cluster.current != nil else { return }
        await cluster.release()
        logger.info("Dev broker stopped")
    }

    private static func set(
        _ selection: BrokerSelection, up: Bool, cluster holder: MockClusterHolder, availability: BrokerAvailability,
        logger: Logger
    ) throws(BridgeError) {
        guard let cluster = holder.current else { throw .failure("The dev broker is stopping.") }
        let known = Array(availability.ports.keys)
        for id in selection.ids(among: known) {
            guard availability.ports[id] != nil else {
                throw .usage(
                    "There is no broker \(id); accepted: \(known.sorted().map(String.init).joined(separator: ", ")) or all."
                )
            }
            // Down: the forwarder stops relaying first. Up: the broker listens first.
            if !up { availability.set(id, up: false) }
            try cluster.setBroker(id, up: up)
            if up { availability.set(id, up: true) }
            logger.notice("Broker \(id) is \(up ? "up" : "down")")
        }
    }

    private static func answer(
        _ request: DevBrokerAdminRequest, cluster: MockClusterHolder, availability: BrokerAvailability, logger: Logger
    ) -> (status: Int, body: JSONValue) {
        if case .set(let selection, let up) = request {
            do {
                try set(selection, up: up, cluster: cluster, availability: availability, logger: logger)
            } catch {
                return (error.status == .usage ? 400 : 500, ["error": .string(error.message)])
            }
        }
        return (200, ["brokers": .array(availability.states.map { $0.json() })])
    }
}

import Logging
import NIOCore
import NIOPosix

/// Accepts on the fixed bootstrap port and relays each connection to a mock broker that is up.
/// The mock brokers listen on ports the kernel chose and advertise those in their metadata, so a
/// client bootstraps through here and then talks to the brokers directly. With every broker down,
/// connections are closed as soon as they are accepted, as a dead cluster would.
final class BootstrapForwarder: Sendable {
    private let channel: Channel

    /// `target` picks the port of a broker that is up, or nil when none is.
    static func start(
        port: Int, group: EventLoopGroup, logger: Logger, target: @escaping @Sendable () -> Int?
    ) async throws(BridgeError) -> BootstrapForwarder {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { inbound in
                guard let brokerPort = target() else {
                    logger.debug("Bootstrap connection refused: every broker is down")
                    return inbound.close()
                }
                return ClientBootstrap(group: inbound.eventLoop)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connect(host: "127.0.0.1", port: brokerPort)
                    .flatMapThrowing { outbound in
                        let (clientSide, brokerSide) = ByteRelayHandler.pair()
                        try inbound.pipeline.syncOperations.addHandler(clientSide)
                        try outbound.pipeline.syncOperations.addHandler(brokerSide)
                    }
                    .flatMapError { error in
                        logger.debug("Bootstrap connection to broker port \(brokerPort) failed: \(error)")
                        return inbound.close()
                    }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
            return BootstrapForwarder(channel: channel)
        } catch {
            throw .failure(
                "Could not listen on 127.0.0.1:\(port) for the bootstrap port (\(error)); is another broker "
                    + "running there? Choose another with --port.")
        }
    }

    private init(channel: Channel) {
        self.channel = channel
    }

    /// The port actually bound.
    var port: Int { channel.localAddress?.port ?? 0 }

    func close() async {
        try? await channel.close()
    }
}

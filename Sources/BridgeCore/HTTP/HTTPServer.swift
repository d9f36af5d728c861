import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A small HTTP/1.1 server on swift-nio: routes through an `HTTPRouter`, handlers are async and may
/// take as long as they like (a long poll holds its connection, not a thread), connections are kept
/// alive, and `Expect: 100-continue` is answered. A swift-service-lifecycle `Service`: graceful
/// shutdown stops accepting, ends idle keep-alive connections and cancels handlers still running.
public final class HTTPServer: Service, Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 lets the kernel pick a free port (reported through `onListening`).
        public var port: Int
        /// Larger request bodies get 413 without reaching a handler.
        public var maximumBodySize: Int

        public init(host: String = "127.0.0.1", port: Int, maximumBodySize: Int = 16 << 20) {
            self.host = host
            self.port = port
            self.maximumBodySize = maximumBodySize
        }
    }

    private let configuration: Configuration
    private let router: HTTPRouter
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void

    /// `onListening` is called once with the bound port, before the first connection is accepted.
    public init(
        configuration: Configuration, router: HTTPRouter, logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.onListening = onListening
    }

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    public func run() async throws {
        let server = try await bind()
        let port = server.channel.localAddress?.port ?? configuration.port
        logger.debug("http server listening", metadata: ["http.host": "\(configuration.host)", "http.port": "\(port)"])
        onListening(port)
        try await withGracefulShutdownHandler {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                    // The listening socket is closed: end idle keep-alive connections and long polls.
                    group.cancelAll()
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
        logger.debug("http server stopped", metadata: ["http.port": "\(port)"])
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        do {
            return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 512)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 16)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as IOError {
            let reason = error.errnoCode == 98 ? "the address is already in use" : "\(error)"
            throw BridgeError.failure(
                "cannot listen on \(configuration.host):\(configuration.port): \(reason); stop what holds it or choose another port."
            )
        } catch {
            throw BridgeError.failure(
                "cannot listen on \(configuration.host):\(configuration.port): \(error); accepted: a local address and a free port."
            )
        }
    }

    /// A request whose head has arrived and whose body is being read.
    private struct PendingRequest {
        var head: HTTPRequestHead
        var body: [UInt8] = []
        var tooLarge = false
    }

    private func serve(_ connection: Connection) async {
        let remote = connection.channel.remoteAddress.flatMap { address in
            address.ipAddress.map { "\($0):\(address.port ?? 0)" }
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var pending: PendingRequest?
                for try await part in inbound {
                    switch part {
                    case .head(let head):
                        pending = PendingRequest(head: head)
                        if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                            try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .continue)))
                        }
                    case .body(let buffer):
                        guard var request = pending else { continue }
                        pending = nil
                        if request.body.count + buffer.readableBytes > configuration.maximumBodySize {
                            request.tooLarge = true
                            request.body = []
                        } else if !request.tooLarge {
                            request.body.append(contentsOf: buffer.readableBytesView)
                        }
                        pending = request
                    case .end:
                        guard let request = pending else { continue }
                        pending = nil
                        let keepAlive = request.head.isKeepAlive && !request.tooLarge
                        let response: HTTPServerResponse
                        if request.tooLarge {
                            response = .text(
                                413, "Request body too large, max size: \(configuration.maximumBodySize) bytes")
                        } else {
                            response = await router.respond(to: Self.request(request, remote: remote))
                        }
                        try await outbound.write(
                            contentsOf: Self.parts(response, version: request.head.version, keepAlive: keepAlive))
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.trace("http connection ended", metadata: ["http.error": "\(error)"])
        }
    }

    private static func request(_ pending: PendingRequest, remote: String?) -> HTTPServerRequest {
        HTTPServerRequest(
            method: pending.head.method.rawValue, target: pending.head.uri,
            headers: pending.head.headers.map { (name: $0.name, value: $0.value) }, body: pending.body,
            remoteAddress: remote)
    }

    private static func parts(
        _ response: HTTPServerResponse, version: HTTPVersion, keepAlive: Bool
    )
        -> [HTTPServerResponsePart]
    {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if version == .http1_0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        var parts: [HTTPServerResponsePart] = [.head(head)]
        if !response.body.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(bytes: response.body)))) }
        parts.append(.end(nil))
        return parts
    }
}

import BridgeEvents
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The dev broker's admin endpoint: plain HTTP/1.1 on loopback (see `DevBrokerAdminRequest`).
final class DevBrokerAdminServer: Sendable {
    /// Answers one parsed request with an HTTP status and a JSON body.
    typealias Responder = @Sendable (DevBrokerAdminRequest) -> (status: Int, body: JSONValue)

    private let channel: Channel

    static func start(
        port: Int, group: EventLoopGroup, logger: Logger, responder: @escaping Responder
    ) async throws(BridgeError) -> DevBrokerAdminServer {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        AdminHTTPHandler(logger: logger, responder: responder))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
            return DevBrokerAdminServer(channel: channel)
        } catch {
            throw .failure(
                "Could not listen on 127.0.0.1:\(port) for the admin endpoint (\(error)); choose another with --admin-port."
            )
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

/// Reads one request, answers it, closes the connection.
private final class AdminHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let logger: Logger
    private let responder: DevBrokerAdminServer.Responder
    private var head: HTTPRequestHead?

    init(logger: Logger, responder: @escaping DevBrokerAdminServer.Responder) {
        self.logger = logger
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            let (status, body): (Int, JSONValue)
            switch DevBrokerAdminRequest.parse(method: head.method.rawValue, path: head.uri) {
            case .success(let request):
                logger.info("Admin request", metadata: ["admin.request": "\(head.method.rawValue) \(head.uri)"])
                (status, body) = responder(request)
            case .failure(let problem):
                (status, body) = (problem.status, ["error": .string(problem.reason)])
            }
            respond(context: context, status: status, body: JSONWriter.bytes(body) + [UInt8(ascii: "\n")])
        }
    }

    private func respond(context: ChannelHandlerContext, status: Int, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

import BridgeEvents
import NIOCore
import NIOHTTP1
import NIOPosix

/// Talks to a running dev broker's admin endpoint (what `bridgectl dev broker down|up` does).
public enum DevBrokerAdminClient {
    /// Sends `request` to 127.0.0.1:`port` and returns the brokers' states after it.
    public static func send(
        _ request: DevBrokerAdminRequest, port: Int, timeout: Duration = .seconds(10)
    )
        async throws(BridgeError) -> [DevBrokerState]
    {
        let (method, path) = request.methodAndPath
        let response: (status: Int, body: [UInt8])
        do {
            response = try await exchange(method: method, path: path, port: port, timeout: timeout)
        } catch {
            let reason = error is NIOConnectionError ? "connection refused" : "\(error)"
            throw .unavailable(
                "No dev broker admin endpoint answered on 127.0.0.1:\(port) (\(reason)); start one with "
                    + "'bridgectl dev broker --admin-port \(port)' or pass the port it uses with --admin-port.")
        }
        let document = try? JSONParser.parse(response.body)
        guard response.status == 200 else {
            let reason = document?.objectValue?["error"]?.stringValue ?? "HTTP status \(response.status)"
            throw .usage(reason)
        }
        guard let document, let states = DevBrokerState.list(from: document) else {
            throw .failure("The admin endpoint on 127.0.0.1:\(port) answered something that is not a broker list.")
        }
        return states
    }

    private static func exchange(
        method: String, path: String, port: Int, timeout: Duration
    ) async throws
        -> (status: Int, body: [UInt8])
    {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: (status: Int, body: [UInt8]).self)
        let channel: Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(timeout.milliseconds)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise))
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
        } catch {
            promise.fail(error)
            throw error
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "127.0.0.1:\(port)")
        headers.add(name: "Content-Length", value: "0")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: method), uri: path, headers: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        let timeoutTask = group.next().scheduleTask(in: .milliseconds(Int64(timeout.milliseconds))) {
            promise.fail(ChannelError.connectTimeout(.milliseconds(Int64(timeout.milliseconds))))
        }
        defer {
            timeoutTask.cancel()
            channel.close(promise: nil)
        }
        return try await promise.futureResult.get()
    }
}

/// Collects one HTTP response and fulfils the promise with it.
private final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<(status: Int, body: [UInt8])>
    private var status = 0
    private var body: [UInt8] = []

    init(promise: EventLoopPromise<(status: Int, body: [UInt8])>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body += buffer.readableBytesView
        case .end: promise.succeed((status, body))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}

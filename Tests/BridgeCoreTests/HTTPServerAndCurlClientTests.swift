import BridgeCore
import BridgeTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The generic HTTP server and the libcurl client, against each other over real loopback TCP.
@Suite("HTTP server and libcurl client", .serialized)
struct HTTPServerAndCurlClientTests {
    static let quiet = Logger(label: "http-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A server running in this process until `stop()`.
    final class RunningServer: Sendable {
        let port: Int
        let group: ServiceGroup
        let task: Task<Void, any Error>

        init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
            self.port = port
            self.group = group
            self.task = task
        }

        var url: String { "http://127.0.0.1:\(port)" }

        func stop() async {
            await group.triggerGracefulShutdown()
            _ = await task.result
        }
    }

    static func start(_ router: HTTPRouter, maximumBodySize: Int = 16 << 20) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = HTTPServer(
            configuration: .init(port: 0, maximumBodySize: maximumBodySize), router: router, logger: quiet
        ) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: server)], logger: quiet))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        return RunningServer(port: port, group: group, task: task)
    }

    /// Counts handlers running at once.
    final class Concurrency: Sendable {
        private let state = Mutex((current: 0, maximum: 0))
        func enter() {
            state.withLock {
                $0.current += 1; $0.maximum = max($0.maximum, $0.current)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
        var maximum: Int { state.withLock { $0.maximum } }
    }

    static func echoRouter(concurrency: Concurrency = Concurrency()) -> HTTPRouter {
        var router = HTTPRouter()
        router.on(["GET", "PUT"], "/echo") { request in
            var headers: [(name: String, value: String)] = [("X-Method", request.method)]
            headers.append(("X-Expect", request.header("Expect") ?? "none"))
            headers.append(("X-Remote", request.remoteAddress ?? "unknown"))
            headers.append(("X-Query", request.query.first("q") ?? "none"))
            return HTTPServerResponse(status: 200, headers: headers, body: request.body)
        }
        router.on(["GET"], "/items/") { request in
            .text(200, "item " + request.path.dropFirst("/items/".count))
        }
        router.on(["GET"], "/slow") { request in
            concurrency.enter()
            defer { concurrency.leave() }
            let milliseconds = Int(request.query.first("ms") ?? "100") ?? 100
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return .text(200, "slept")
        }
        return router
    }

    @Test func routesByPathThenMethodAsGoMuxDoes() async throws {
        let server = try await Self.start(Self.echoRouter())
        defer { Task { await server.stop() } }
        let client = CurlHTTPClient()
        defer { client.shutdown() }

        let exact = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/echo?q=a%20b"))
        #expect(exact.status == 200)
        #expect(exact.header("x-query") == "a b")
        let subtree = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/items/a%3Ab"))
        #expect(subtree.text == "item a:b")
        #expect(subtree.header("Content-Type") == "text/plain; charset=utf-8")
        let wrongMethod = try await client.send(HTTPClientRequest(method: "DELETE", url: server.url + "/echo"))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.text == "method DELETE not allowed")
        #expect(wrongMethod.header("Allow") == "OPTIONS,GET,PUT")
        let options = try await client.send(HTTPClientRequest(method: "OPTIONS", url: server.url + "/items/x"))
        #expect(options.status == 200)
        #expect(options.header("Allow") == "OPTIONS,GET")
        let missing = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/nope"))
        #expect(missing.status == 404)
        #expect(missing.body.isEmpty)
    }

    @Test func putBodiesArriveWithoutExpectAndComeBackIntact() async throws {
        let server = try await Self.start(Self.echoRouter())
        defer { Task { await server.stop() } }
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let body = (0..<200_000).map { UInt8($0 % 251) }
        let response = try await client.send(HTTPClientRequest(method: "PUT", url: server.url + "/echo", body: body))
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.header("X-Method") == "PUT")
        #expect(response.header("X-Expect") == "none")
        let empty = try await client.send(HTTPClientRequest(method: "PUT", url: server.url + "/echo", body: []))
        #expect(empty.status == 200)
        #expect(empty.body.isEmpty)
    }

    @Test func oneHandleKeepsOneConnectionAlive() async throws {
        let server = try await Self.start(Self.echoRouter())
        defer { Task { await server.stop() } }
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 1))
        defer { client.shutdown() }
        var remotes: Set<String> = []
        for _ in 0..<50 {
            let response = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/echo"))
            remotes.insert(response.header("X-Remote") ?? "?")
        }
        #expect(remotes.count == 1)
        #expect(remotes.first?.hasPrefix("127.0.0.1:") == true)
    }

    @Test func parallelismIsBoundedByThePoolSize() async throws {
        let concurrency = Concurrency()
        let server = try await Self.start(Self.echoRouter(concurrency: concurrency))
        defer { Task { await server.stop() } }
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 4))
        defer { client.shutdown() }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=100")).status
                }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(concurrency.maximum <= 4)
        #expect(concurrency.maximum >= 2)
    }

    @Test func aLongRequestHoldsItsConnectionNotTheServer() async throws {
        let server = try await Self.start(Self.echoRouter())
        defer { Task { await server.stop() } }
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 2))
        defer { client.shutdown() }
        let long = Task { try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=5000")) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        for _ in 0..<10 {
            #expect(try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/echo")).status == 200)
        }
        // Served while the long request still runs (on an idle machine in milliseconds; the bound
        // only has to stay below the 5 s the long one takes).
        #expect(ContinuousClock.now - started < .seconds(4))
        #expect(try await long.value.text == "slept")
    }

    @Test func timeoutsRefusalsAndCancellationAreErrorsNotHangs() async throws {
        let server = try await Self.start(Self.echoRouter())
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 2, requestTimeout: .milliseconds(300)))
        defer { client.shutdown() }

        let started = ContinuousClock.now
        await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=3000"))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        do {
            _ = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=3000"))
            Issue.record("a 3 s handler answered within a 300 ms timeout")
        } catch {
            guard case .timedOut = error else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
        }

        let cancelled = Task {
            try await client.send(
                HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=10000", timeout: .seconds(30)))
        }
        try await Task.sleep(for: .milliseconds(200))
        let cancelledAt = ContinuousClock.now
        cancelled.cancel()
        let outcome = await cancelled.result
        #expect(ContinuousClock.now - cancelledAt < .seconds(3))
        #expect(throws: HTTPClientError.cancelled) { try outcome.get() }

        await server.stop()
        do {
            _ = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/echo"))
            Issue.record("a stopped server answered")
        } catch {
            // A fresh connection is refused; a kept-alive one the server closed may instead be reset
            // mid-request. Either way the caller learns the server is gone, with the URL.
            switch error {
            case .connectionFailed(let url, let reason):
                #expect(url.hasSuffix("/echo") && !reason.isEmpty)
            case .transport(let url, let reason):
                #expect(url.hasSuffix("/echo") && reason.contains("reset"))
            case .timedOut(let url, _):
                // A kept-alive connection the stopping server had not closed yet when the request
                // went out (a loaded machine): no answer, and the caller is told so, with the URL.
                #expect(url.hasSuffix("/echo"))
            default:
                Issue.record("expected a connection failure, got \(error)")
            }
        }
    }

    @Test func expectContinueIsAnsweredAndOversizedBodiesGet413() async throws {
        let server = try await Self.start(Self.echoRouter(), maximumBodySize: 4096)
        defer { Task { await server.stop() } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bridgectl-expect-\(getpid())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(repeating: 0x61, count: 2000).write(to: file)
        // A client that sends `Expect: 100-continue` waits for the interim answer before the body.
        let curl = try SpawnedProcess(
            executable: URL(fileURLWithPath: "/usr/bin/curl"),
            arguments: [
                "-sS", "-D", "-", "-o", "/dev/null", "-X", "PUT", "-H", "Expect: 100-continue", "--data-binary",
                "@" + file.path, server.url + "/echo",
            ])
        #expect(try await curl.waitForExit(timeout: 20) == 0)
        #expect(curl.stdout.contains("HTTP/1.1 100 Continue"))
        #expect(curl.stdout.contains("HTTP/1.1 200 OK"))
        #expect(curl.stdout.contains("X-Expect: 100-continue"))
        #expect(curl.stdout.contains("Content-Length: 2000"))

        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let tooLarge = try await client.send(
            HTTPClientRequest(method: "PUT", url: server.url + "/echo", body: Array(repeating: 1, count: 5000)))
        #expect(tooLarge.status == 413)
    }

    @Test func gracefulShutdownEndsIdleAndLongRunningConnections() async throws {
        let server = try await Self.start(Self.echoRouter())
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 2, requestTimeout: .seconds(30)))
        defer { client.shutdown() }
        // One idle kept-alive connection and one request in a 20 s handler.
        _ = try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/echo"))
        let long = Task { try await client.send(HTTPClientRequest(method: "GET", url: server.url + "/slow?ms=20000")) }
        try await Task.sleep(for: .milliseconds(200))
        let stopping = ContinuousClock.now
        await server.stop()
        #expect(ContinuousClock.now - stopping < .seconds(5))
        // The listening socket closes on the event loop just after stop() returns.
        try await Wait.until("the listener to close", timeout: 5) { !FreePort.isListening(server.port) }
        _ = await long.result
    }
}

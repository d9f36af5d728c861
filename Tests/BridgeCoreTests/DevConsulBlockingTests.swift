import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Synchronization
import Testing

/// Blocking queries against the dev agent (in this process, over real HTTP with our libcurl client):
/// a watcher wakes promptly for a change to what it watches, and not for changes elsewhere.
@Suite("Dev Consul blocking queries: prompt, precise wakes", .serialized)
struct DevConsulBlockingTests {
    final class Watcher: Sendable {
        let finished = Mutex<Bool>(false)
    }

    static func withAgent(_ body: (DevConsulInProcess, CurlHTTPClient) async throws -> Void) async throws {
        let agent = try await DevConsulInProcess.start()
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 4, requestTimeout: .seconds(60)))
        do {
            try await body(agent, client)
        } catch {
            client.shutdown()
            await agent.stop()
            throw error
        }
        client.shutdown()
        await agent.stop()
    }

    static func send(
        _ client: CurlHTTPClient, _ method: String, _ url: String, _ body: String? = nil
    ) async throws -> HTTPClientResponse {
        try await client.send(
            HTTPClientRequest(method: method, url: url, body: body.map { Array($0.utf8) }, timeout: .seconds(60)))
    }

    static func index(_ response: HTTPClientResponse) throws -> UInt64 {
        try #require(response.header("X-Consul-Index").flatMap(UInt64.init))
    }

    /// Starts a blocking GET of `path` at its current index; returns the index and the running watch.
    static func watch(
        _ client: CurlHTTPClient, _ base: String, _ path: String, wait: String = "30s"
    ) async throws -> (index: UInt64, task: Task<HTTPClientResponse, any Error>, watcher: Watcher) {
        let current = try index(try await send(client, "GET", base + path))
        let watcher = Watcher()
        let separator = path.contains("?") ? "&" : "?"
        let task = Task {
            defer { watcher.finished.withLock { $0 = true } }
            return try await send(client, "GET", base + path + "\(separator)index=\(current)&wait=\(wait)")
        }
        return (current, task, watcher)
    }

    @Test(arguments: ["/v1/catalog/service/x", "/v1/health/service/x"])
    func aWatcherOnXWakesForXAndNotForY(_ path: String) async throws {
        try await Self.withAgent { agent, client in
            let (start, task, watcher) = try await Self.watch(client, agent.baseURL, path)
            try await Task.sleep(for: .milliseconds(200))
            let registerY = try await Self.send(
                client, "PUT", agent.baseURL + "/v1/agent/service/register", #"{"ID":"y-1","Name":"y"}"#)
            #expect(registerY.status == 200)
            try await Task.sleep(for: .milliseconds(500))
            #expect(watcher.finished.withLock { $0 } == false, "the watcher of x woke for a registration of y")

            let registerX = try await Self.send(
                client, "PUT", agent.baseURL + "/v1/agent/service/register", #"{"ID":"x-1","Name":"x","Port":1}"#)
            // The registration is done (in the catalog) when its 200 arrives.
            let registeredAt = ContinuousClock.now
            #expect(registerX.status == 200)
            let woken = try await task.value
            let latency = ContinuousClock.now - registeredAt
            // One sample on a loaded machine can stall on scheduling; the issue's 100 ms bound is
            // asserted on the median of 200 wakes in wakeLatencyOver200Wakes.
            #expect(latency < .seconds(10), "woke \(latency) after the registration of x")
            #expect(woken.status == 200)
            #expect(try Self.index(woken) > start)
            guard case .array(let entries) = try JSONParser.parse(woken.text) else {
                Issue.record("not an array: \(woken.text)")
                return
            }
            #expect(entries.count == 1)
        }
    }

    /// The late watcher: its blocking request reaches the agent only after a write to y moved the
    /// services table (and with it the index reported for x, which has no instances). Seen on a loaded
    /// machine; it must still block rather than answer at once.
    @Test(arguments: ["/v1/catalog/service/x", "/v1/health/service/x"])
    func aWatcherArrivingAfterAWriteToYStillBlocks(_ path: String) async throws {
        try await Self.withAgent { agent, client in
            let start = try Self.index(try await Self.send(client, "GET", agent.baseURL + path))
            let registerY = try await Self.send(
                client, "PUT", agent.baseURL + "/v1/agent/service/register", #"{"ID":"y-1","Name":"y"}"#)
            #expect(registerY.status == 200)
            let sent = ContinuousClock.now
            let late = try await Self.send(client, "GET", agent.baseURL + path + "?index=\(start)&wait=1s")
            #expect(ContinuousClock.now - sent >= .milliseconds(900), "answered at once for a write to y")
            #expect(late.text.filter { !$0.isWhitespace } == "[]")
        }
    }

    @Test func aKVWatcherWakesForItsKeyAndNotForOthers() async throws {
        try await Self.withAgent { agent, client in
            #expect(try await Self.send(client, "PUT", agent.baseURL + "/v1/kv/app/x", "1").text.contains("true"))
            let (start, task, watcher) = try await Self.watch(client, agent.baseURL, "/v1/kv/app/x")
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await Self.send(client, "PUT", agent.baseURL + "/v1/kv/app/y", "2").status == 200)
            #expect(try await Self.send(client, "DELETE", agent.baseURL + "/v1/kv/app/y").status == 200)
            try await Task.sleep(for: .milliseconds(500))
            #expect(watcher.finished.withLock { $0 } == false, "the watcher of app/x woke for app/y")
            let changedAt = ContinuousClock.now
            #expect(try await Self.send(client, "PUT", agent.baseURL + "/v1/kv/app/x", "3").status == 200)
            let woken = try await task.value
            // Generous: the 100 ms bound is asserted for catalog and health watchers above.
            #expect(ContinuousClock.now - changedAt < .seconds(10))
            #expect(try Self.index(woken) > start)
            guard case .array(let entries) = try JSONParser.parse(woken.text) else {
                Issue.record("not an array: \(woken.text)")
                return
            }
            let entry = try #require(entries.first?.objectValue)
            #expect(entry["Value"] == "Mw==")
        }
    }

    @Test func aTimedOutWatchReturnsTheSameIndexAndData() async throws {
        try await Self.withAgent { agent, client in
            let (start, task, _) = try await Self.watch(client, agent.baseURL, "/v1/catalog/services", wait: "300ms")
            let started = ContinuousClock.now
            let response = try await task.value
            // 300ms plus at most 300/16 ms of jitter; the upper bound is generous.
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(try Self.index(response) == start)
            #expect(try JSONParser.parse(response.text) == ["consul": []])
        }
    }

    /// Wake latency over 200 wakes: register an instance of the watched service, time until the
    /// watcher has its answer. Prints p50/p95/p99 (docs/PERFORMANCE.md quotes a run).
    @Test func wakeLatencyOver200Wakes() async throws {
        try await Self.withAgent { agent, client in
            var latencies: [Duration] = []
            var registrations: [Duration] = []
            for round in 0..<200 {
                let (_, task, _) = try await Self.watch(client, agent.baseURL, "/v1/catalog/service/w")
                try await Task.sleep(for: .milliseconds(15))
                let registeredAt = ContinuousClock.now
                let register = try await Self.send(
                    client, "PUT", agent.baseURL + "/v1/agent/service/register",
                    #"{"ID":"w-\#(round)","Name":"w"}"#)
                #expect(register.status == 200)
                registrations.append(ContinuousClock.now - registeredAt)
                let woken = try await task.value
                latencies.append(ContinuousClock.now - registeredAt)
                #expect(woken.status == 200)
            }
            latencies.sort()
            registrations.sort()
            func percentile(_ p: Double) -> Duration {
                latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            }
            let milliseconds = { (d: Duration) in
                String(format: "%.2f", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
            }
            print(
                "dev consul blocking-query wake latency over \(latencies.count) wakes: p50 \(milliseconds(percentile(0.5))) ms, p95 \(milliseconds(percentile(0.95))) ms, p99 \(milliseconds(percentile(0.99))) ms, max \(milliseconds(latencies.last!)) ms; the registration's own round trip: p50 \(milliseconds(registrations[registrations.count / 2])) ms"
            )
            #expect(percentile(0.5) < .milliseconds(100))
            // A missed wake sleeps the whole 30 s wait (seen once before waits took the index they
            // read); anything below a few seconds is scheduling on a loaded machine.
            #expect(percentile(0.99) < .seconds(5))
        }
    }
}

/// The anti-entropy sync of a running agent, with its interval lowered.
@Suite("Dev Consul anti-entropy", .serialized)
struct DevConsulAntiEntropyTests {
    @Test func txnServicesOnTheAgentsNodeVanishAtTheNextFullSync() async throws {
        let agent = try await DevConsulInProcess.start(antiEntropyInterval: .seconds(3))
        let client = CurlHTTPClient(configuration: .init(maximumConnections: 2))
        defer {
            client.shutdown()
        }
        do {
            let txn = try await client.send(
                HTTPClientRequest(
                    method: "PUT", url: agent.baseURL + "/v1/txn",
                    body: Array(
                        #"[{"Service":{"Verb":"set","Node":"bridgectl-test-node","Service":{"ID":"t1","Service":"txn-svc"}}}]"#
                            .utf8)))
            #expect(txn.status == 200, "\(txn.text)")
            let present = try await client.send(
                HTTPClientRequest(method: "GET", url: agent.baseURL + "/v1/catalog/service/txn-svc"))
            // Read well inside the 3 s interval (a shorter one fired before this read on a loaded machine).
            #expect(present.text.contains("\"t1\""))
            try await Wait.until("anti-entropy to remove the txn service", timeout: 15, interval: 0.1) {
                let response = try await client.send(
                    HTTPClientRequest(method: "GET", url: agent.baseURL + "/v1/catalog/service/txn-svc"))
                return response.text == "[]\n"
            }
        } catch {
            await agent.stop()
            throw error
        }
        await agent.stop()
    }
}

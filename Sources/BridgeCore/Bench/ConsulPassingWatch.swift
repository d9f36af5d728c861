import BridgeEvents
import Foundation
import Synchronization

/// Watches Consul from outside the registry with blocking queries: which service IDs have a passing
/// check, and when each was first seen (on the run's `BenchClock`). Reads `/v1/health/state/passing`
/// (or a service's `/v1/health/service/<name>?passing`) with the run's `?filter` and the index of the
/// previous answer, so it wakes when Consul changes instead of polling; `minimumInterval` (and twice
/// the time spent reading the last answer) spaces the queries so that a watch of thousands of
/// services does not take the agent's CPU from the registry. Only `ServiceID` values are read from
/// the answer (a byte scan, no JSON tree).
public final class ConsulPassingWatch: Sendable {
    private struct State {
        var firstSeen: [String: Double] = [:]
        var responses = 0
        var lastError: String?
    }

    private let url: String
    private let token: String?
    private let http: CurlHTTPClient
    private let clock: BenchClock
    private let minimumInterval: Double
    private let untilSeen: String?
    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// `path` with its own query (`/v1/health/service/compute?passing`); `filter` is a go-bexpr
    /// expression (`Service.ID contains "bench-…"`). With `untilSeen` the watch ends by itself once
    /// that service ID was seen.
    public init(
        consul: ConsulSettings, http: CurlHTTPClient, path: String, filter: String, clock: BenchClock,
        minimumInterval: Double = 0, untilSeen: String? = nil
    ) {
        self.untilSeen = untilSeen
        var query = HTTPQuery()
        query.append("filter", filter)
        url = consul.baseURL + path + (path.contains("?") ? "&" : "?") + query.encoded
        token = consul.token
        self.http = http
        self.clock = clock
        self.minimumInterval = minimumInterval
    }

    deinit { task.withLock { $0?.cancel() } }

    /// Starts watching; returns once the first (non-blocking) answer came, so that anything published
    /// afterwards is a change the watch will see. Throws `.unavailable` when Consul does not answer.
    public func start() async throws(BridgeError) {
        let first = try await fetch(index: 0)
        record(first)
        let index = first.index
        let loop = Task { [self] in await self.watch(from: index) }
        task.withLock { $0 = loop }
    }

    public func stop() {
        task.withLock {
            $0?.cancel()
            $0 = nil
        }
    }

    public func firstSeen(_ serviceID: String) -> Double? { state.withLock { $0.firstSeen[serviceID] } }
    public var seenCount: Int { state.withLock { $0.firstSeen.count } }
    public func countSeen(_ ids: [String]) -> Int {
        state.withLock { state in ids.reduce(0) { $0 + (state.firstSeen[$1] == nil ? 0 : 1) } }
    }
    public var snapshot: [String: Double] { state.withLock { $0.firstSeen } }
    public var responses: Int { state.withLock { $0.responses } }
    public var lastError: String? { state.withLock { $0.lastError } }

    private struct Answer {
        var index: UInt64
        var body: [UInt8]
        var receivedAt: Double
    }

    private func watch(from start: UInt64) async {
        var index = start
        while !Task.isCancelled {
            do throws(BridgeError) {
                let answer = try await fetch(index: index)
                let readStarted = clock.now
                record(answer)
                // Done: no query is left parked (a cancelled transfer would hold its connection until
                // libcurl's next progress callback, up to a second later).
                if let untilSeen, firstSeen(untilSeen) != nil { return }
                let readSeconds = clock.now - readStarted
                // Consul: an index that goes backwards means the agent restarted; start over.
                index = answer.index < index ? 0 : answer.index
                let pause = max(minimumInterval, 2 * readSeconds)
                if pause > 0 { try? await Task.sleep(for: .seconds(pause)) }
            } catch {
                state.withLock { $0.lastError = error.message }
                if Task.isCancelled { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    private func fetch(index: UInt64) async throws(BridgeError) -> Answer {
        var headers: [(name: String, value: String)] = []
        if let token, !token.isEmpty { headers.append((name: "X-Consul-Token", value: token)) }
        let blocking = index > 0
        let request = HTTPClientRequest(
            method: "GET", url: url + (blocking ? "&index=\(index)&wait=30s" : ""), headers: headers,
            timeout: blocking ? .seconds(40) : .seconds(10))
        let response: HTTPClientResponse
        do { response = try await http.send(request) } catch {
            throw .unavailable("Consul at \(url.prefix { $0 != "?" }) did not answer: \(error)")
        }
        guard response.status == 200 else {
            throw .unavailable("Consul answered \(response.status) to the watch: \(response.text.prefix(200))")
        }
        return Answer(
            index: max(1, response.header("X-Consul-Index").flatMap { UInt64($0) } ?? 1), body: response.body,
            receivedAt: clock.now)
    }

    private func record(_ answer: Answer) {
        let ids = Self.serviceIDs(in: answer.body)
        state.withLock { state in
            state.responses += 1
            for id in ids where state.firstSeen[id] == nil { state.firstSeen[id] = answer.receivedAt }
        }
    }

    /// Every non-empty `"ServiceID": "…"` value in a Consul answer (IDs need no unescaping: the
    /// benchmark's are plain ASCII).
    public static func serviceIDs(in body: [UInt8]) -> [String] {
        let key = Array("\"ServiceID\"".utf8)
        var ids: [String] = []
        var index = 0
        let count = body.count
        while index + key.count < count {
            guard body[index] == UInt8(ascii: "\""), body[index + 1] == UInt8(ascii: "S"),
                body[index..<index + key.count].elementsEqual(key)
            else {
                index += 1
                continue
            }
            var cursor = index + key.count
            while cursor < count, body[cursor] == UInt8(ascii: " ") || body[cursor] == UInt8(ascii: ":") {
                cursor += 1
            }
            guard cursor < count, body[cursor] == UInt8(ascii: "\"") else {
                index = cursor
                continue
            }
            let start = cursor + 1
            var end = start
            while end < count, body[end] != UInt8(ascii: "\"") { end += 1 }
            if end > start { ids.append(String(decoding: body[start..<end], as: UTF8.self)) }
            index = end + 1
        }
        return ids
    }
}

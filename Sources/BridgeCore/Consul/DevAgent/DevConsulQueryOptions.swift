/// The query parameters every catalog and health read takes (contract §0): consistency mode,
/// blocking (`index`, `wait`) and datacenter, validated with Consul's messages and order.
struct DevConsulQueryOptions: Sendable, Equatable {
    enum Consistency: String, Sendable { case leader, stale, consistent }

    var consistency = Consistency.leader
    /// Block while the result's index is ≤ this (0: do not block).
    var minimumIndex: UInt64 = 0
    /// How long a blocking read may wait, after the cap and before jitter.
    var wait = GoDuration.seconds(300)

    static let defaultWait = GoDuration.seconds(300)
    static let maximumWait = GoDuration.seconds(600)

    init() {}

    init(_ query: HTTPQuery, datacenter: String) throws(DevConsulError) {
        if let dc = query.first("dc"), !dc.isEmpty, dc != datacenter { throw .internalError("No path to datacenter") }
        let stale = query.contains("stale")
        let consistent = query.contains("consistent")
        if stale, consistent {
            throw .badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.")
        }
        consistency = stale ? .stale : consistent ? .consistent : .leader
        if let text = query.first("wait"), !text.isEmpty {
            guard let parsed = try? GoDuration(parsing: text) else { throw .badRequest("Invalid wait time") }
            wait = parsed
        }
        if let text = query.first("index"), !text.isEmpty {
            guard let parsed = UInt64(text) else { throw .badRequest("Invalid index") }
            minimumIndex = parsed
        }
        if wait > Self.maximumWait || wait <= .zero { wait = wait <= .zero ? Self.defaultWait : Self.maximumWait }
    }

    /// The wait with Consul's jitter: up to wait/16 more, so that many watchers do not wake together.
    var waitWithJitter: Duration {
        let jitter = wait.nanoseconds / 16
        return .nanoseconds(wait.nanoseconds + (jitter > 0 ? Int64.random(in: 0..<jitter) : 0))
    }
}

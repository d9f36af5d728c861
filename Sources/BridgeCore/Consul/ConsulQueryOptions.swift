/// Options of a catalog or health read (contract §0): consistency, blocking, server-side filter.
public struct ConsulQueryOptions: Sendable, Hashable {
    public enum Consistency: String, Sendable, Hashable {
        case `default`, stale, consistent
    }

    public var consistency: Consistency
    /// Block until the result's index exceeds this (nil or 0: answer at once).
    public var index: UInt64?
    /// How long a blocking read may wait (Consul: 5m by default, 10m at most, plus up to 1/16 jitter).
    public var wait: GoDuration?
    /// A go-bexpr expression (Consul's `?filter`).
    public var filter: String?

    public init(
        consistency: Consistency = .default, index: UInt64? = nil, wait: GoDuration? = nil, filter: String? = nil
    ) {
        self.consistency = consistency
        self.index = index
        self.wait = wait
        self.filter = filter
    }

    func apply(to query: inout HTTPQuery) {
        switch consistency {
        case .default: break
        case .stale: query.append("stale", "")
        case .consistent: query.append("consistent", "")
        }
        if let index, index > 0 { query.append("index", String(index)) }
        if let wait { query.append("wait", wait.description) }
        if let filter { query.append("filter", filter) }
    }

    /// How long to let the HTTP exchange run: the wait, Consul's jitter, and a margin.
    var requestTimeout: Duration? {
        guard let index, index > 0 else { return nil }
        let wait = min(self.wait ?? .seconds(300), .seconds(600))
        return wait.duration + .nanoseconds(wait.nanoseconds / 16) + .seconds(5)
    }
}

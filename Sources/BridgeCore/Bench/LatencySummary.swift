import BridgeEvents

/// A latency distribution's percentiles, in milliseconds.
public struct LatencySummary: Sendable, Hashable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
    public var mean: Double

    public init(count: Int, p50: Double, p95: Double, p99: Double, max: Double, mean: Double) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
        self.mean = mean
    }

    public var json: JSONValue {
        [
            "count": .int(Int64(count)), "p50_ms": .double(p50), "p95_ms": .double(p95), "p99_ms": .double(p99),
            "max_ms": .double(max), "mean_ms": .double(mean),
        ]
    }
}

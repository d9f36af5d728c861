import Histogram

/// Latencies in microseconds in an HDR histogram (3 significant digits, so p99 of a millisecond-scale
/// distribution is exact to a microsecond and memory stays a few dozen KiB however many are recorded).
public struct LatencyHistogram: Sendable {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)

    public init() {}

    public mutating func record(seconds: Double) {
        _ = histogram.record(UInt64(max(1, min(3_600_000_000, (seconds * 1e6).rounded()))))
    }

    public mutating func add(_ other: LatencyHistogram) { histogram.add(other.histogram) }

    public var count: Int { Int(histogram.totalCount) }

    public var summary: LatencySummary {
        guard histogram.totalCount > 0 else { return LatencySummary(count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0) }
        func ms(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
        return LatencySummary(
            count: count, p50: ms(50), p95: ms(95), p99: ms(99), max: Double(histogram.max) / 1000,
            mean: histogram.mean / 1000)
    }
}

import BridgeEvents
import Foundation

/// The registry's own registration-latency histogram (`bridge_registry_registration_latency_seconds`,
/// from an announcement's event timestamp to both stores holding it), as the difference between two
/// scrapes. Only bucket bounds are known, so a percentile is the bound of the bucket it falls in:
/// self-reported and coarse, printed beside the outside observations, never instead of them.
public struct SelfReportedLatency: Sendable {
    /// (upper bound in seconds, cumulative count), ascending; +Inf last.
    public var buckets: [(bound: Double, count: Double)]

    public static func delta(before: RegistryMetricsScrape, after: RegistryMetricsScrape) -> SelfReportedLatency {
        let name = "bridge_registry_registration_latency_seconds_bucket{"
        var buckets: [(Double, Double)] = []
        for (key, value) in after.samples where key.hasPrefix(name) {
            guard let range = key.range(of: "le=\"") else { continue }
            let rest = key[range.upperBound...]
            let text = rest.prefix { $0 != "\"" }
            let bound = text == "+Inf" ? Double.infinity : Double(text) ?? .nan
            guard !bound.isNaN else { continue }
            buckets.append((bound, value - (before.samples[key] ?? 0)))
        }
        return SelfReportedLatency(buckets: buckets.sorted { $0.0 < $1.0 })
    }

    /// The bound of the bucket holding the `fraction` quantile; nil without observations.
    public func percentile(_ fraction: Double) -> Double? {
        guard let total = buckets.last?.count, total > 0 else { return nil }
        return buckets.first { $0.count >= fraction * total }?.bound
    }

    public var json: JSONValue {
        .array(
            buckets.map {
                ["le": $0.bound.isFinite ? .double($0.bound) : .string("+Inf"), "count": .double($0.count)]
            })
    }
}

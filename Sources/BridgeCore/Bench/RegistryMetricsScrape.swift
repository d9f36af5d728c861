/// The registry's own `/metrics` (Prometheus text), read for what cannot be observed from outside:
/// what it consumed, the Consul requests it made, its self-reported registration latency.
public struct RegistryMetricsScrape: Sendable {
    /// Sample name with its labels (`bridge_registry_events_consumed_total{type="NODE_HEARTBEAT"}`) → value.
    public var samples: [String: Double]

    public init(samples: [String: Double]) { self.samples = samples }

    public init(text: String) {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        self.samples = samples
    }

    public subscript(_ name: String) -> Double? { samples[name] }

    /// The sum of every sample of `name` whose labels contain all of `labels` (`operation="ttl_pass"`).
    public func sum(_ name: String, labels: [String] = []) -> Double {
        samples.reduce(0) { total, sample in
            let key = sample.key
            guard key == name || key.hasPrefix(name + "{") else { return total }
            return labels.allSatisfy { key.contains($0) } ? total + sample.value : total
        }
    }

    public static func fetch(_ registryURL: String, http: CurlHTTPClient) async -> RegistryMetricsScrape? {
        guard let response = try? await http.send(HTTPClientRequest(method: "GET", url: registryURL + "/metrics")),
            response.status == 200
        else { return nil }
        return RegistryMetricsScrape(text: response.text)
    }
}

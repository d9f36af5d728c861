import BridgeEvents

/// One number a benchmark produced, with what it is compared against: the seed's measurement and
/// DESIGN.md §6's target (both as text, since some are bounds and some are not numbers at all).
/// `better` says which direction is an improvement, for `bench compare`.
public struct BenchMeasurement: Sendable, Hashable {
    public enum Better: String, Sendable, Hashable {
        case lower, higher
    }

    /// Dotted and stable across runs (`e2e.p99_ms`): `compare` matches measurements by name.
    public var name: String
    public var value: Double
    public var unit: String
    public var better: Better
    public var seed: String?
    public var target: String?
    /// How it was observed when that is not from outside the registry ("self-reported").
    public var note: String?

    public init(
        _ name: String, _ value: Double, unit: String, better: Better, seed: String? = nil, target: String? = nil,
        note: String? = nil
    ) {
        self.name = name
        self.value = value
        self.unit = unit
        self.better = better
        self.seed = seed
        self.target = target
        self.note = note
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name), "value": value.isFinite ? .double(value) : .null, "unit": .string(unit),
            "better": .string(better.rawValue),
        ]
        if let seed { object["seed"] = .string(seed) }
        if let target { object["target"] = .string(target) }
        if let note { object["note"] = .string(note) }
        return .object(object)
    }

    /// Reads one entry of a report's `measurements`; nil when a required field is missing or wrong.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let name = object["name"]?.stringValue,
            let unit = object["unit"]?.stringValue,
            let better = object["better"]?.stringValue.flatMap(Better.init(rawValue:))
        else { return nil }
        let value: Double
        if case .null? = object["value"] {
            value = .nan
        } else if let number = object["value"]?.numberValue {
            value = number
        } else {
            return nil
        }
        self.init(
            name, value, unit: unit, better: better, seed: object["seed"]?.stringValue,
            target: object["target"]?.stringValue, note: object["note"]?.stringValue)
    }

    /// The latency summary's percentiles as measurements named `<stage>.p50_ms` and so on.
    public static func latency(
        _ stage: String, _ summary: LatencySummary, seed: [String: String] = [:], target: [String: String] = [:],
        note: String? = nil
    ) -> [BenchMeasurement] {
        [("p50", summary.p50), ("p95", summary.p95), ("p99", summary.p99), ("max", summary.max)].map { key, value in
            BenchMeasurement(
                "\(stage).\(key)_ms", summary.count > 0 ? value : .nan, unit: "ms", better: .lower, seed: seed[key],
                target: target[key], note: note)
        }
    }
}

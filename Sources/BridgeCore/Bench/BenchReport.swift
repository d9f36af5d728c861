import BridgeEvents

/// What `bench --json FILE` writes: the scenario, the machine and versions it ran on, its
/// configuration and its results. `compare` reads two of these back.
public struct BenchReport: Sendable {
    public var scenario: String
    public var startedAt: EventTimestamp
    public var machine: JSONValue
    public var versions: [String: String]
    public var configuration: [String: JSONValue]
    public var measurements: [BenchMeasurement]
    /// Per-interval series, per-stage distributions and counts: everything beyond the headline numbers.
    public var details: [String: JSONValue]

    public init(
        scenario: String, startedAt: EventTimestamp, machine: JSONValue = .object([:]),
        versions: [String: String] = [:], configuration: [String: JSONValue] = [:],
        measurements: [BenchMeasurement] = [], details: [String: JSONValue] = [:]
    ) {
        self.scenario = scenario
        self.startedAt = startedAt
        self.machine = machine
        self.versions = versions
        self.configuration = configuration
        self.measurements = measurements
        self.details = details
    }

    public func measurement(_ name: String) -> BenchMeasurement? { measurements.first { $0.name == name } }

    public var json: JSONValue {
        [
            "scenario": .string(scenario),
            "started_at": .string(startedAt.formatted),
            "machine": machine,
            "versions": .object(versions.mapValues(JSONValue.string)),
            "config": .object(configuration),
            "results": ["measurements": .array(measurements.map(\.json)), "details": .object(details)],
        ]
    }

    /// Reads a report back; the error says which part is missing or malformed.
    public static func parse(_ bytes: [UInt8], source: String) throws(BridgeError) -> BenchReport {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw .invalidData(
                "\(source) is not valid JSON (\(error)); expected a file written by 'bridgectl bench --json'.")
        }
        guard let object = value.objectValue, let scenario = object["scenario"]?.stringValue else {
            throw .invalidData("\(source) has no \"scenario\"; expected a file written by 'bridgectl bench --json'.")
        }
        guard let results = object["results"]?.objectValue, case .array(let items)? = results["measurements"] else {
            throw .invalidData(
                "\(source) has no \"results.measurements\" array; expected a file written by 'bridgectl bench --json'.")
        }
        var measurements: [BenchMeasurement] = []
        for (index, item) in items.enumerated() {
            guard let measurement = BenchMeasurement(json: item) else {
                throw .invalidData(
                    "\(source): results.measurements[\(index)] lacks name, value, unit or better (lower|higher).")
            }
            measurements.append(measurement)
        }
        return BenchReport(
            scenario: scenario,
            startedAt: object["started_at"]?.stringValue.flatMap(EventTimestamp.init(parsing:))
                ?? EventTimestamp(microsecondsSinceEpoch: 0),
            machine: object["machine"] ?? .object([:]),
            versions: (object["versions"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            configuration: object["config"]?.objectValue ?? [:], measurements: measurements,
            details: results["details"]?.objectValue ?? [:])
    }
}

import BridgeEvents

/// Per-node stage latencies of a set of registrations, from when each was sent: acknowledged by the
/// broker, first seen passing in Consul, first seen in PostgreSQL, and end to end (in both stores).
public struct RegistrationStages: Sendable {
    public var acknowledged = LatencyHistogram()
    public var consul = LatencyHistogram()
    public var postgres = LatencyHistogram()
    public var endToEnd = LatencyHistogram()
    /// Sent but not (yet) seen in both stores.
    public var missing = 0
    /// The latest time a node became complete (both stores), on the run's clock; nil if none did.
    public var lastCompleteAt: Double?
    public var lastConsulAt: Double?
    public var lastPostgresAt: Double?

    public init() {}

    /// `sent[i]` and `acked[i]` belong to `nodeID(i)`; only the indexes in `range` are counted.
    public static func measure(
        _ range: Range<Int>, nodeID: (Int) -> String, sent: [Double], acked: [Double?], consul: [String: Double],
        postgres: [String: Double]
    ) -> RegistrationStages {
        var stages = RegistrationStages()
        for index in range {
            let id = nodeID(index)
            let start = sent[index]
            if let ack = acked[index] { stages.acknowledged.record(seconds: ack - start) }
            let inConsul = consul[id]
            let inPostgres = postgres[id]
            if let inConsul {
                stages.consul.record(seconds: inConsul - start)
                stages.lastConsulAt = max(stages.lastConsulAt ?? inConsul, inConsul)
            }
            if let inPostgres {
                stages.postgres.record(seconds: inPostgres - start)
                stages.lastPostgresAt = max(stages.lastPostgresAt ?? inPostgres, inPostgres)
            }
            if let inConsul, let inPostgres {
                let done = max(inConsul, inPostgres)
                stages.endToEnd.record(seconds: done - start)
                stages.lastCompleteAt = max(stages.lastCompleteAt ?? done, done)
            } else {
                stages.missing += 1
            }
        }
        return stages
    }

    public var json: JSONValue {
        [
            "acknowledged": acknowledged.summary.json, "consul": consul.summary.json, "postgres": postgres.summary.json,
            "end_to_end": endToEnd.summary.json, "missing": .int(Int64(missing)),
        ]
    }
}

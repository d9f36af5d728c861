import BridgeEvents
import Synchronization

/// `bench fleet --nodes N`: N new nodes announce at once (one producer, batched). Measures per-node
/// stage latencies, the time until every node is in both stores, and recounts the stores at the end:
/// a registration lost anywhere shows as `lost` > 0.
public struct FleetScenario: Sendable {
    public var nodes: Int
    public var timeoutSeconds: Double
    /// The shortest pause between two answers of the Consul watch.
    public var consulWatchInterval: Double

    public init(nodes: Int, timeoutSeconds: Double? = nil, consulWatchInterval: Double = 0.02) {
        self.nodes = nodes
        self.timeoutSeconds = timeoutSeconds ?? max(30, Double(nodes) / 100)
        self.consulWatchInterval = consulWatchInterval
    }

    public var configuration: [String: JSONValue] {
        [
            "nodes": .int(Int64(nodes)), "timeout_seconds": .double(timeoutSeconds),
            "consul_watch_interval_seconds": .double(consulWatchInterval),
        ]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        try await session.warmUp()
        let events = try session.events(heartbeatIntervalSeconds: 3600)
        let batch = try await FleetAnnouncement.announce(
            session: session, events: events, range: 0..<nodes, consulWatchInterval: consulWatchInterval,
            timeoutSeconds: timeoutSeconds, label: "fleet")
        let stages = batch.stages
        let postgresCount = try await session.postgresCount()
        let consulCount = try await session.consulCount(serviceName: events.nodeType.rawValue)
        let lost = nodes - min(postgresCount, consulCount)
        let allIn = stages.lastCompleteAt.map { $0 - batch.startedAt }
        var measurements: [BenchMeasurement] = []
        measurements.append(
            BenchMeasurement(
                "all_in_both_s", stages.missing == 0 ? allIn ?? .nan : .nan, unit: "s", better: .lower,
                seed: "< 2 s (100 nodes)", target: "≤ 1 s (1,000 nodes)"))
        measurements.append(
            BenchMeasurement(
                "all_in_consul_s", stages.lastConsulAt.map { $0 - batch.startedAt } ?? .nan, unit: "s", better: .lower))
        measurements.append(
            BenchMeasurement(
                "all_in_postgres_s", stages.lastPostgresAt.map { $0 - batch.startedAt } ?? .nan, unit: "s",
                better: .lower))
        measurements.append(
            BenchMeasurement(
                "throughput_per_s", allIn.map { Double(nodes) / max($0, 1e-6) } ?? .nan, unit: "reg/s", better: .higher,
                seed: "~75/s", target: "≥ 1,000/s"))
        measurements += BenchMeasurement.latency(
            "end_to_end", stages.endToEnd.summary, seed: ["p95": "~157 ms (100 nodes)", "p99": "~189 ms"])
        measurements += BenchMeasurement.latency("consul_passing", stages.consul.summary)
        measurements += BenchMeasurement.latency("postgres_row", stages.postgres.summary)
        measurements.append(
            BenchMeasurement("publish_all_acked_s", batch.allAckedAt - batch.startedAt, unit: "s", better: .lower))
        measurements.append(
            BenchMeasurement("lost", Double(lost), unit: "nodes", better: .lower, seed: "0 %", target: "0"))
        return BenchReport(
            scenario: "fleet", startedAt: startedAt, configuration: configuration, measurements: measurements,
            details: [
                "stages": stages.json,
                "recount": ["postgres_rows": .int(Int64(postgresCount)), "consul_instances": .int(Int64(consulCount))],
                "observer": [
                    "consul_answers": .int(Int64(batch.consulAnswers)),
                    "postgres_polls": .int(Int64(batch.postgresPolls)),
                ],
            ])
    }
}

/// Announces a range of the run's nodes at once and waits until they are in both stores (or the
/// timeout passes): shared by `fleet`, `burst` and `heartbeats`.
struct FleetAnnouncement {
    var startedAt: Double
    var allAckedAt: Double
    var stages: RegistrationStages
    var consulAnswers: Int
    var postgresPolls: Int

    static func announce(
        session: BenchSession, events: BenchNodeEvents, range: Range<Int>, consulWatchInterval: Double,
        timeoutSeconds: Double, label: String
    ) async throws(BridgeError) -> FleetAnnouncement {
        let ids = range.map(session.nodeID)
        let poll = PostgresRegistrationPoll(connection: session.postgres, clock: session.clock, minimumInterval: 0.005)
        poll.expect(ids)
        let watch = session.watchRunInConsul(
            serviceName: events.nodeType.rawValue, minimumInterval: consulWatchInterval)
        try await watch.start()
        defer { watch.stop() }
        poll.start()
        defer { poll.stop() }
        let now = EventTimestamp.now()
        let records = ids.map { events.introspection($0, at: now) }
        let count = range.count
        let acks = Mutex([Double?](repeating: nil, count: count))
        let startedAt = session.clock.now
        for (offset, record) in records.enumerated() {
            try session.enqueue(record) { at in acks.withLock { $0[offset] = at } }
        }
        session.noteCreated(count)
        var lastProgress = startedAt
        let deadline = startedAt + timeoutSeconds
        while session.clock.now < deadline {
            let consul = watch.countSeen(ids)
            let postgres = count - poll.unseenCount
            if consul >= count && postgres >= count { break }
            if session.clock.now - lastProgress >= 1 {
                lastProgress = session.clock.now
                session.progress(
                    "\(label): \(Int(session.clock.now - startedAt)) s: \(count) announced, \(postgres) in PostgreSQL, \(consul) passing in Consul"
                )
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        _ = await session.producer.flush(timeout: .seconds(10))
        let acked = acks.withLock { $0 }
        var sent = [Double](repeating: startedAt, count: range.upperBound)
        var ackedByIndex = [Double?](repeating: nil, count: range.upperBound)
        for (offset, index) in range.enumerated() {
            sent[index] = startedAt
            ackedByIndex[index] = acked[offset]
        }
        let stages = RegistrationStages.measure(
            range, nodeID: session.nodeID, sent: sent, acked: ackedByIndex, consul: watch.snapshot,
            postgres: poll.snapshot)
        return FleetAnnouncement(
            startedAt: startedAt, allAckedAt: acked.compactMap { $0 }.max() ?? .nan, stages: stages,
            consulAnswers: watch.responses, postgresPolls: poll.polls)
    }
}

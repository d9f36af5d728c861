import BridgeEvents

/// `bench latency -n N`: one new node at a time. For each: a blocking query on the service's health
/// (filtered to that node, primed before the announcement) and a PostgreSQL poll wait for it; the
/// announcement is sent and acknowledged; the next node starts when this one is in both stores.
public struct LatencyScenario: Sendable {
    public var count: Int
    /// Registrations before the measured ones (the first ones pay for connections and the group's
    /// first fetch).
    public var warmup: Int
    /// How long one registration may take before it counts as lost.
    public var timeoutSeconds: Double

    public init(count: Int, warmup: Int = 3, timeoutSeconds: Double = 30) {
        self.count = count
        self.warmup = warmup
        self.timeoutSeconds = timeoutSeconds
    }

    public var configuration: [String: JSONValue] {
        ["count": .int(Int64(count)), "warmup": .int(Int64(warmup)), "timeout_seconds": .double(timeoutSeconds)]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        let events = try session.events(heartbeatIntervalSeconds: 3600)
        let serviceName = events.nodeType.rawValue
        let poll = PostgresRegistrationPoll(connection: session.postgres, clock: session.clock, minimumInterval: 0.0005)
        poll.start()
        defer { poll.stop() }
        let metricsBefore = await session.registryMetrics()
        let total = warmup + count
        var sent = [Double](repeating: 0, count: total)
        var acked = [Double?](repeating: nil, count: total)
        var inConsul: [String: Double] = [:]
        var inPostgres: [String: Double] = [:]
        var lastProgress = session.clock.now
        var measured = RegistrationStages()
        for index in 0..<total {
            let id = session.nodeID(index)
            let watch = ConsulPassingWatch(
                consul: session.stack.consul, http: session.http,
                path: "/v1/health/service/\(PercentEncoding.encodeComponent(serviceName))?passing",
                filter: "Service.ID == \"\(id)\"", clock: session.clock)
            try await watch.start()
            poll.expect([id])
            let record = events.introspection(id)
            sent[index] = session.clock.now
            try await session.send(record)
            acked[index] = session.clock.now
            session.noteCreated(1)
            let deadline = sent[index] + timeoutSeconds
            while session.clock.now < deadline, watch.firstSeen(id) == nil || poll.firstSeen(id) == nil {
                try? await Task.sleep(for: .microseconds(200))
            }
            watch.stop()
            inConsul[id] = watch.firstSeen(id)
            inPostgres[id] = poll.firstSeen(id)
            if session.clock.now - lastProgress >= 1 {
                lastProgress = session.clock.now
                measured = RegistrationStages.measure(
                    warmup..<max(warmup, index + 1), nodeID: session.nodeID, sent: sent, acked: acked,
                    consul: inConsul, postgres: inPostgres)
                let e2e = measured.endToEnd.summary
                session.progress(
                    "latency: \(max(0, index + 1 - warmup))/\(count) registered; end to end p50 \(Self.ms(e2e.p50)) p99 \(Self.ms(e2e.p99))"
                )
            }
        }
        measured = RegistrationStages.measure(
            warmup..<total, nodeID: session.nodeID, sent: sent, acked: acked, consul: inConsul, postgres: inPostgres)
        let metricsAfter = await session.registryMetrics()

        var measurements: [BenchMeasurement] = []
        measurements += BenchMeasurement.latency(
            "publish_ack", measured.acknowledged.summary, seed: ["p50": "~15 ms (broadcast)"],
            target: ["p50": "≤ 1 ms"])
        measurements += BenchMeasurement.latency("consul_passing", measured.consul.summary)
        measurements += BenchMeasurement.latency("postgres_row", measured.postgres.summary)
        measurements += BenchMeasurement.latency(
            "end_to_end", measured.endToEnd.summary, seed: ["p50": "~126 ms (dual reg. ~78 ms)"],
            target: ["p50": "≤ 2 ms", "p99": "≤ 10 ms"])
        measurements.append(
            BenchMeasurement("lost", Double(measured.missing), unit: "nodes", better: .lower, seed: "0", target: "0"))
        var details: [String: JSONValue] = ["stages": measured.json]
        if let before = metricsBefore, let after = metricsAfter {
            let selfReported = SelfReportedLatency.delta(before: before, after: after)
            if let p50 = selfReported.percentile(0.5) {
                measurements.append(
                    BenchMeasurement(
                        "registry_self_reported.p50_ms", p50 * 1000, unit: "ms", better: .lower,
                        note: "self-reported: the registry's histogram bucket bound"))
            }
            details["registry_self_reported_buckets"] = selfReported.json
        }
        return BenchReport(
            scenario: "latency", startedAt: startedAt, configuration: configuration, measurements: measurements,
            details: details)
    }

    static func ms(_ value: Double) -> String { value.formattedMilliseconds }
}

extension Double {
    /// `2.35 ms`, `126 ms`: three significant digits are plenty for a progress line.
    var formattedMilliseconds: String {
        if self >= 100 { return "\(Int(self.rounded())) ms" }
        if self >= 10 { return "\((self * 10).rounded() / 10) ms" }
        return "\((self * 100).rounded() / 100) ms"
    }
}

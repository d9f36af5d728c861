import BridgeEvents

/// `bench latency -n N`: one new node at a time. For each: the announcement is sent and acknowledged,
/// then the Consul agent (`/v1/agent/service/<id>`, every millisecond) and PostgreSQL (polled for the
/// row) are watched until both hold it; the next node starts when this one is in both stores.
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
            poll.expect([id])
            let record = events.introspection(id)
            sent[index] = session.clock.now
            try await session.send(record)
            acked[index] = session.clock.now
            session.noteCreated(1)
            let deadline = sent[index] + timeoutSeconds
            // Consul: the agent's own record of the service (`/v1/agent/service/<id>`, registered
            // passing), asked every millisecond. A blocking query per node was tried first: the dev
            // agent renders every instance of the service for each wake, and a parked query that is
            // cancelled holds its connection until libcurl's next progress callback, so at a few
            // hundred instances the wake came later than this poll (see docs/PERFORMANCE.md).
            var agentSeen: Double?
            while session.clock.now < deadline, agentSeen == nil || poll.firstSeen(id) == nil {
                if agentSeen == nil, await Self.agentHolds(id, session: session) { agentSeen = session.clock.now }
                try? await Task.sleep(for: .microseconds(agentSeen == nil ? 1000 : 200))
            }
            inConsul[id] = agentSeen
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

    /// `GET /v1/agent/service/<id>`: 200 once the agent holds the service (registered passing).
    static func agentHolds(_ id: String, session: BenchSession) async -> Bool {
        var headers: [(name: String, value: String)] = []
        if let token = session.stack.consul.token, !token.isEmpty {
            headers.append((name: "X-Consul-Token", value: token))
        }
        let request = HTTPClientRequest(
            method: "GET",
            url: session.stack.consul.baseURL + "/v1/agent/service/" + PercentEncoding.encodeComponent(id),
            headers: headers)
        return (try? await session.http.send(request))?.status == 200
    }
}

extension Double {
    /// `2.35 ms`, `126 ms`: three significant digits are plenty for a progress line.
    var formattedMilliseconds: String {
        if self >= 100 { return "\(Int(self.rounded())) ms" }
        if self >= 10 { return "\((self * 10).rounded() / 10) ms" }
        return "\((self * 100).rounded() / 100) ms"
    }
}

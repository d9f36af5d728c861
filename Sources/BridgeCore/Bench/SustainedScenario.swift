import BridgeEvents

/// `bench sustained --rate R --duration D`: R new registrations a second for D seconds, every
/// registered node heartbeating. Per second: registrations completed (in both stores), their
/// latency, the registry's RSS and CPU; first-vs-last degradation over the first and last tenth.
public struct SustainedScenario: Sendable {
    public var rate: Double
    public var durationSeconds: Double
    public var heartbeatIntervalSeconds: Double
    public var consulWatchInterval: Double

    public init(
        rate: Double, durationSeconds: Double = 60, heartbeatIntervalSeconds: Double = 5,
        consulWatchInterval: Double = 0.05
    ) {
        self.rate = rate
        self.durationSeconds = durationSeconds
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.consulWatchInterval = consulWatchInterval
    }

    public var configuration: [String: JSONValue] {
        [
            "rate_per_s": .double(rate), "duration_seconds": .double(durationSeconds),
            "heartbeat_interval_seconds": .double(heartbeatIntervalSeconds),
            "consul_watch_interval_seconds": .double(consulWatchInterval),
        ]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        try await session.warmUp()
        let events = try session.events(heartbeatIntervalSeconds: heartbeatIntervalSeconds)
        let outcome = try await TrickleLoad.run(
            session: session, events: events, phases: [.init(rate: rate, seconds: durationSeconds)],
            heartbeatInterval: heartbeatIntervalSeconds, consulWatchInterval: consulWatchInterval, drainSeconds: 15,
            label: "sustained")
        let start = outcome.phaseStarts[0]
        let all = 0..<outcome.sent.count
        let stages = RegistrationStages.measure(
            all, nodeID: session.nodeID, sent: outcome.sent, acked: outcome.acked, consul: outcome.consul,
            postgres: outcome.postgres)
        let seconds = max(1, Int(durationSeconds.rounded(.up)))
        var completed = [Int](repeating: 0, count: seconds)
        var latencyBySecond = [LatencyHistogram](repeating: LatencyHistogram(), count: seconds)
        for index in all {
            let id = session.nodeID(index)
            guard let consul = outcome.consul[id], let postgres = outcome.postgres[id] else { continue }
            let done = max(consul, postgres)
            let second = Int(done - start)
            if second >= 0 && second < seconds { completed[second] += 1 }
            let sentSecond = Int(outcome.sent[index] - start)
            if sentSecond >= 0 && sentSecond < seconds {
                latencyBySecond[sentSecond].record(seconds: done - outcome.sent[index])
            }
        }
        let tenth = max(1, seconds / 10)
        // The first second holds the start-up; the tenths are taken after it.
        let firstSlice = Array(completed.dropFirst().prefix(tenth))
        let lastSlice = Array(completed.suffix(tenth))
        let firstRate = Double(firstSlice.reduce(0, +)) / Double(max(1, firstSlice.count))
        let lastRate = Double(lastSlice.reduce(0, +)) / Double(max(1, lastSlice.count))
        let degradation = firstRate > 0 ? (firstRate - lastRate) / firstRate * 100 : .nan
        var firstLatency = LatencyHistogram()
        var lastLatency = LatencyHistogram()
        for histogram in latencyBySecond.dropFirst().prefix(tenth) { firstLatency.add(histogram) }
        for histogram in latencyBySecond.suffix(tenth) { lastLatency.add(histogram) }
        let throughput = Double(completed.reduce(0, +)) / durationSeconds

        var measurements: [BenchMeasurement] = [
            BenchMeasurement(
                "throughput_per_s", throughput, unit: "reg/s", better: .higher, seed: "~75/s",
                target: "≥ 10,000/s (stretch)"),
            BenchMeasurement(
                "heartbeats_per_s", Double(outcome.heartbeatsSent) / durationSeconds, unit: "hb/s", better: .higher,
                target: "≥ 50,000/s (stretch)", note: "sent; see the heartbeats scenario for processing"),
            BenchMeasurement(
                "throughput_degradation_pct", degradation, unit: "%", better: .lower, seed: "~6 % (limit < 50 %)",
                target: "< 5 %"),
            BenchMeasurement(
                "latency_p50_change_pct",
                firstLatency.count > 0 && lastLatency.count > 0
                    ? (lastLatency.summary.p50 / max(firstLatency.summary.p50, 1e-9) - 1) * 100 : .nan, unit: "%",
                better: .lower),
        ]
        measurements += BenchMeasurement.latency("end_to_end", stages.endToEnd.summary)
        measurements += BenchMeasurement.latency("postgres_row", stages.postgres.summary)
        measurements += BenchMeasurement.latency(
            "consul_passing", stages.consul.summary,
            note: "Consul watch answers at most every \(consulWatchInterval) s")
        measurements.append(
            BenchMeasurement(
                "not_in_both_after_drain", Double(stages.missing), unit: "nodes", better: .lower, target: "0",
                note: "announced but not seen in both stores by the end of the drain (behind, not necessarily lost)"))
        var details: [String: JSONValue] = [
            "stages": stages.json,
            "completed_per_second": .array(completed.map { .int(Int64($0)) }),
            "end_to_end_p50_ms_per_second": .array(latencyBySecond.map { .double($0.summary.p50) }),
            "announced": .int(Int64(outcome.sent.count)), "heartbeats_sent": .int(Int64(outcome.heartbeatsSent)),
        ]
        measurements += Self.resourceMeasurements(outcome.samples, details: &details)
        return BenchReport(
            scenario: "sustained", startedAt: startedAt, configuration: configuration, measurements: measurements,
            details: details)
    }

    /// RSS first, last and peak, and mean CPU, from the /proc samples (none without a registry pid).
    static func resourceMeasurements(
        _ samples: [(at: Double, rssMB: Double, cpuSeconds: Double)], details: inout [String: JSONValue]
    ) -> [BenchMeasurement] {
        guard let first = samples.first, let last = samples.last else {
            details["registry_process"] = "not sampled (no --registry-pid, no pid in stack.json)"
            return []
        }
        var series: [JSONValue] = []
        for (previous, sample) in zip(samples, samples.dropFirst()) {
            let cpu = (sample.cpuSeconds - previous.cpuSeconds) / max(sample.at - previous.at, 1e-6) * 100
            series.append([
                "t_s": .double(sample.at - first.at), "rss_mb": .double(sample.rssMB), "cpu_pct": .double(cpu),
            ])
        }
        details["registry_process"] = .array(series)
        let peak = samples.map(\.rssMB).max() ?? last.rssMB
        let cpu = (last.cpuSeconds - first.cpuSeconds) / max(last.at - first.at, 1e-6) * 100
        return [
            BenchMeasurement("registry_rss_start_mb", first.rssMB, unit: "MB", better: .lower),
            BenchMeasurement(
                "registry_rss_peak_mb", peak, unit: "MB", better: .lower, seed: "< 512 MB",
                target: "≤ 100 MB at 10k nodes"),
            BenchMeasurement(
                "registry_rss_growth_mb", last.rssMB - first.rssMB, unit: "MB", better: .lower, target: "flat"),
            BenchMeasurement("registry_cpu_pct", cpu, unit: "%cpu", better: .lower),
        ]
    }
}

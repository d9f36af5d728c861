import BridgeEvents

/// `bench burst`: a baseline trickle, a burst of nodes announced at once, and the same trickle
/// again. Recovery time: from the burst until every burst node is in both stores and no later
/// trickle registration is slower than 1.2 × the baseline's p95. Latency increase: the p50 of the
/// trickle registrations sent after recovery against the baseline's p50.
public struct BurstScenario: Sendable {
    public var rate: Double
    public var baselineSeconds: Double
    public var burst: Int
    public var recoverySeconds: Double
    public var consulWatchInterval: Double

    public init(
        rate: Double = 20, baselineSeconds: Double = 5, burst: Int = 1000, recoverySeconds: Double = 10,
        consulWatchInterval: Double = 0.02
    ) {
        self.rate = rate
        self.baselineSeconds = baselineSeconds
        self.burst = burst
        self.recoverySeconds = recoverySeconds
        self.consulWatchInterval = consulWatchInterval
    }

    public var configuration: [String: JSONValue] {
        [
            "rate_per_s": .double(rate), "baseline_seconds": .double(baselineSeconds),
            "burst_nodes": .int(Int64(burst)),
            "recovery_seconds": .double(recoverySeconds), "consul_watch_interval_seconds": .double(consulWatchInterval),
        ]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        try await session.warmUp()
        let events = try session.events(heartbeatIntervalSeconds: 3600)
        let outcome = try await TrickleLoad.run(
            session: session, events: events,
            phases: [
                .init(rate: rate, seconds: baselineSeconds), .init(rate: rate, seconds: recoverySeconds, burst: burst),
            ],
            heartbeatInterval: nil, consulWatchInterval: consulWatchInterval, drainSeconds: 30, label: "burst")
        func done(_ index: Int) -> Double? {
            let id = session.nodeID(index)
            guard let consul = outcome.consul[id], let postgres = outcome.postgres[id] else { return nil }
            return max(consul, postgres)
        }
        func stages(_ range: Range<Int>) -> RegistrationStages {
            RegistrationStages.measure(
                range, nodeID: session.nodeID, sent: outcome.sent, acked: outcome.acked, consul: outcome.consul,
                postgres: outcome.postgres)
        }
        let baseline = stages(outcome.phaseRanges[0]).endToEnd.summary
        let burstRange = outcome.burstRanges.first ?? 0..<0
        let burstStart = outcome.phaseStarts[1]
        let burstStages = stages(burstRange)
        let absorbedAt = burstStages.missing == 0 ? burstStages.lastCompleteAt : nil
        let trickle = burstRange.upperBound..<outcome.phaseRanges[1].upperBound
        let slowBound = 1.2 * baseline.p95 / 1000
        var recoveredAt = absorbedAt
        for index in trickle {
            guard let finished = done(index) else {
                recoveredAt = nil
                break
            }
            if finished - outcome.sent[index] > slowBound, let current = recoveredAt {
                recoveredAt = max(current, finished)
            }
        }
        var after = LatencyHistogram()
        var during = LatencyHistogram()
        for index in trickle {
            guard let finished = done(index) else { continue }
            if let recoveredAt, outcome.sent[index] > recoveredAt {
                after.record(seconds: finished - outcome.sent[index])
            } else {
                during.record(seconds: finished - outcome.sent[index])
            }
        }
        let increase = after.count > 0 && baseline.count > 0 ? (after.summary.p50 / baseline.p50 - 1) * 100 : .nan
        let all = stages(0..<outcome.sent.count)
        var measurements: [BenchMeasurement] = [
            BenchMeasurement(
                "recovery_s", recoveredAt.map { $0 - burstStart } ?? .nan, unit: "s", better: .lower,
                seed: "< 5 s (target)", target: "< 1 s"),
            BenchMeasurement(
                "burst_all_in_both_s", absorbedAt.map { $0 - burstStart } ?? .nan, unit: "s", better: .lower),
            BenchMeasurement(
                "latency_increase_pct", increase, unit: "%", better: .lower, seed: "~7 % (limit < 20 %)",
                target: "< 20 %"),
        ]
        measurements += BenchMeasurement.latency("baseline_end_to_end", baseline)
        measurements += BenchMeasurement.latency("burst_end_to_end", burstStages.endToEnd.summary)
        measurements += BenchMeasurement.latency("during_recovery_end_to_end", during.summary)
        measurements += BenchMeasurement.latency("after_recovery_end_to_end", after.summary)
        measurements.append(
            BenchMeasurement(
                "not_in_both_after_drain", Double(all.missing), unit: "nodes", better: .lower, target: "0",
                note: "announced but not seen in both stores by the end of the drain (behind, not necessarily lost)"))
        return BenchReport(
            scenario: "burst", startedAt: startedAt, configuration: configuration, measurements: measurements,
            details: [
                "stages": all.json, "burst_stages": burstStages.json, "announced": .int(Int64(outcome.sent.count)),
                "observer": [
                    "consul_answers": .int(Int64(outcome.consulAnswers)),
                    "postgres_polls": .int(Int64(outcome.postgresPolls)),
                ],
            ])
    }
}

import BridgeEvents
import Synchronization

/// `bench heartbeats --nodes N --interval I`: N nodes are announced (and awaited in both stores),
/// then each heartbeats every I seconds, staggered, for the duration. Observed from outside: each
/// second, how many of the run's rows had a heartbeat applied within the last interval and how old
/// the newest applied heartbeat is; at the end, how many of the run's checks pass in Consul. The
/// registry's own counters (heartbeats consumed, TTL passes made) are read from /metrics and
/// labelled self-reported.
public struct HeartbeatScenario: Sendable {
    public var nodes: Int
    public var intervalSeconds: Double
    public var durationSeconds: Double

    public init(nodes: Int, intervalSeconds: Double, durationSeconds: Double = 30) {
        self.nodes = nodes
        self.intervalSeconds = intervalSeconds
        self.durationSeconds = durationSeconds
    }

    public var configuration: [String: JSONValue] {
        [
            "nodes": .int(Int64(nodes)), "interval_seconds": .double(intervalSeconds),
            "duration_seconds": .double(durationSeconds),
        ]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        try await session.warmUp()
        let events = try session.events(heartbeatIntervalSeconds: intervalSeconds)
        let announced = try await FleetAnnouncement.announce(
            session: session, events: events, range: 0..<nodes, consulWatchInterval: 0.05,
            timeoutSeconds: max(30, Double(nodes) / 100), label: "heartbeats (announcing)")
        guard announced.stages.missing == 0 else {
            throw .failure(
                "\(announced.stages.missing) of \(nodes) nodes did not reach both stores; heartbeats were not measured."
            )
        }
        let clock = session.clock
        let acks = Mutex(LatencyHistogram())
        let before = await session.registryMetrics()
        let start = clock.now
        var queue: [(index: Int, due: Double)] = (0..<nodes).map {
            ($0, start + intervalSeconds * Double($0) / Double(max(nodes, 1)))
        }
        var head = 0
        var sentCount = 0
        var freshFractions: [Double] = []
        var lag = LatencyHistogram()
        var nextCheckAt = start + intervalSeconds + 0.5
        var nextProgressAt = start + 1
        while clock.now - start < durationSeconds {
            let now = clock.now
            while head < queue.count, queue[head].due <= now {
                let beat = queue[head]
                head += 1
                let sentAt = clock.now
                try session.producer.enqueue(events.heartbeat(session.nodeID(beat.index))) { result in
                    if case .success = result { acks.withLock { $0.record(seconds: clock.now - sentAt) } }
                }
                sentCount += 1
                queue.append((beat.index, beat.due + intervalSeconds))
            }
            if head > 100_000 {
                queue.removeFirst(head)
                head = 0
            }
            if now >= nextCheckAt {
                nextCheckAt += 1
                let result = try await session.postgres.execute(
                    """
                    SELECT count(*) FILTER (WHERE last_heartbeat >= now() - make_interval(secs => $2::float8)),
                           extract(epoch FROM now() - max(last_heartbeat))
                    FROM node_registrations WHERE left(node_id, length($1)) = $1
                    """, [session.prefix, String(intervalSeconds + 0.5)])
                if let row = result.rows.first {
                    let fresh = Double(row[0] ?? "") ?? 0
                    freshFractions.append(fresh / Double(nodes))
                    if let age = Double(row[1] ?? "") { lag.record(seconds: max(0, age)) }
                }
            }
            if now >= nextProgressAt {
                nextProgressAt += 1
                session.progress(
                    "heartbeats: \(Int(now - start)) s: \(sentCount) sent"
                        + (freshFractions.last.map { ", \(Int($0 * 100)) % of rows fresh" } ?? ""))
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        let elapsed = clock.now - start
        _ = await session.producer.flush(timeout: .seconds(10))
        try? await Task.sleep(for: .seconds(1))
        let after = await session.registryMetrics()
        let watch = session.watchRunInConsul(serviceName: events.nodeType.rawValue, minimumInterval: 0)
        try await watch.start()
        watch.stop()
        let passing = watch.countSeen((0..<nodes).map(session.nodeID))

        var measurements: [BenchMeasurement] = [
            BenchMeasurement(
                "heartbeats_sent_per_s", Double(sentCount) / elapsed, unit: "hb/s", better: .higher,
                target: "≥ 50,000/s (stretch)"),
            BenchMeasurement(
                "postgres_fresh_fraction_min", freshFractions.min() ?? .nan, unit: "fraction", better: .higher,
                target: "1.0", note: "rows with a heartbeat applied within interval + 0.5 s, checked each second"),
            BenchMeasurement(
                "consul_passing_fraction", Double(passing) / Double(max(nodes, 1)), unit: "fraction", better: .higher,
                target: "1.0"),
        ]
        measurements += BenchMeasurement.latency(
            "publish_ack", acks.withLock { $0 }.summary, seed: ["p99": "< 10 ms (heartbeat overhead)"],
            target: ["p50": "≤ 1 ms"])
        measurements += BenchMeasurement.latency(
            "postgres_newest_heartbeat_age", lag.summary,
            note: "age of the newest applied heartbeat, sampled each second")
        if let before, let after {
            let consumed =
                after.sum("bridge_registry_events_consumed_total", labels: ["NODE_HEARTBEAT"])
                - before.sum("bridge_registry_events_consumed_total", labels: ["NODE_HEARTBEAT"])
            let passes =
                after.sum("bridge_registry_consul_requests_total", labels: ["ttl_pass"])
                - before.sum("bridge_registry_consul_requests_total", labels: ["ttl_pass"])
            measurements.append(
                BenchMeasurement(
                    "heartbeats_consumed_per_s", consumed / elapsed, unit: "hb/s", better: .higher,
                    note: "self-reported (/metrics)"))
            measurements.append(
                BenchMeasurement(
                    "consul_ttl_passes_per_s", passes / elapsed, unit: "req/s", better: .lower,
                    note: "self-reported (/metrics); at most one per node per TTL/3"))
        }
        return BenchReport(
            scenario: "heartbeats", startedAt: startedAt, configuration: configuration, measurements: measurements,
            details: [
                "announce_stages": announced.stages.json, "heartbeats_sent": .int(Int64(sentCount)),
                "fresh_fraction_per_second": .array(freshFractions.map(JSONValue.double)),
                "consul_passing": .int(Int64(passing)),
            ])
    }
}

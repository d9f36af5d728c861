import BridgeCore
import BridgeEvents
import Testing

@Suite("bench: comparison, reports, templates and observers' parsing (pure logic)")
struct BenchLogicTests {
    static func report(_ measurements: [BenchMeasurement], scenario: String = "fleet") -> BenchReport {
        BenchReport(scenario: scenario, startedAt: .now(), measurements: measurements)
    }

    @Test func aLatencyThatGrewBeyondTheThresholdIsNamed() {
        let old = Self.report([
            BenchMeasurement("end_to_end.p99_ms", 10, unit: "ms", better: .lower),
            BenchMeasurement("throughput_per_s", 1000, unit: "reg/s", better: .higher),
        ])
        let new = Self.report([
            BenchMeasurement("end_to_end.p99_ms", 11.5, unit: "ms", better: .lower),
            BenchMeasurement("throughput_per_s", 950, unit: "reg/s", better: .higher),
        ])
        let comparison = BenchComparison.compare(old: old, new: new, threshold: 0.1)
        #expect(comparison.regressions.map(\.name) == ["end_to_end.p99_ms"])
        let row = comparison.rows.first { $0.name == "end_to_end.p99_ms" }
        #expect(abs((row?.worsening ?? 0) - 0.15) < 1e-9)
    }

    @Test func throughputThatFellBeyondTheThresholdRegresses() {
        let old = Self.report([BenchMeasurement("throughput_per_s", 1000, unit: "reg/s", better: .higher)])
        let new = Self.report([BenchMeasurement("throughput_per_s", 800, unit: "reg/s", better: .higher)])
        #expect(
            BenchComparison.compare(old: old, new: new, threshold: 0.1).regressions.map(\.name) == ["throughput_per_s"])
        // Better in both directions is never a regression.
        let faster = Self.report([BenchMeasurement("throughput_per_s", 5000, unit: "reg/s", better: .higher)])
        #expect(BenchComparison.compare(old: old, new: faster, threshold: 0).regressions.isEmpty)
    }

    @Test func aLossAppearingFromZeroRegressesWhateverTheThreshold() {
        let old = Self.report([BenchMeasurement("lost", 0, unit: "nodes", better: .lower)])
        let new = Self.report([BenchMeasurement("lost", 1, unit: "nodes", better: .lower)])
        #expect(BenchComparison.compare(old: old, new: new, threshold: 10).regressions.map(\.name) == ["lost"])
        #expect(BenchComparison.compare(old: old, new: old, threshold: 0).regressions.isEmpty)
    }

    @Test func measurementsOnlyOneSideHasOrThatAreNotNumbersAreNotCompared() {
        let old = Self.report([
            BenchMeasurement("a", 1, unit: "ms", better: .lower),
            BenchMeasurement("b", .nan, unit: "ms", better: .lower),
        ])
        let new = Self.report([
            BenchMeasurement("b", 5, unit: "ms", better: .lower), BenchMeasurement("c", 1, unit: "ms", better: .lower),
        ])
        let comparison = BenchComparison.compare(old: old, new: new, threshold: 0.1)
        #expect(comparison.rows.isEmpty)
        #expect(comparison.onlyInOld == ["a"] && comparison.onlyInNew == ["c"])
    }

    @Test func thresholdsAreReadAsPercentOrFraction() {
        #expect(BenchComparison.parseThreshold("10%") == 0.1)
        #expect(BenchComparison.parseThreshold(" 2.5 % ") == 0.025)
        #expect(BenchComparison.parseThreshold("0.2") == 0.2)
        #expect(BenchComparison.parseThreshold("-5%") == nil)
        #expect(BenchComparison.parseThreshold("ten") == nil)
        #expect(BenchComparison.parseThreshold("%") == nil)
    }

    @Test func aReportSurvivesItsOwnJSON() throws {
        let original = BenchReport(
            scenario: "latency", startedAt: .now(), machine: ["cores": 2], versions: ["bridgectl": "0.1.0"],
            configuration: ["count": 5],
            measurements: [
                BenchMeasurement(
                    "end_to_end.p50_ms", 1.5, unit: "ms", better: .lower, seed: "~126 ms", target: "≤ 2 ms"),
                BenchMeasurement("end_to_end.max_ms", .nan, unit: "ms", better: .lower, note: "none"),
            ])
        let parsed = try BenchReport.parse(JSONWriter.bytes(original.json), source: "x.json")
        #expect(parsed.scenario == "latency")
        #expect(parsed.measurements.count == 2)
        #expect(parsed.measurement("end_to_end.p50_ms")?.target == "≤ 2 ms")
        #expect(parsed.measurement("end_to_end.max_ms")?.value.isNaN == true)
        #expect(parsed.versions["bridgectl"] == "0.1.0")
    }

    @Test func malformedReportsAreRefusedWithTheirProblemNamed() {
        func problem(_ text: String) -> BridgeError? {
            do {
                _ = try BenchReport.parse(Array(text.utf8), source: "bad.json")
                return nil
            } catch { return error }
        }
        #expect(problem("{not json")?.status == .invalidData)
        #expect(problem("{}")?.message.contains("scenario") == true)
        #expect(problem(#"{"scenario":"fleet"}"#)?.message.contains("results.measurements") == true)
        let missingUnit = #"{"scenario":"fleet","results":{"measurements":[{"name":"x","value":1,"better":"lower"}]}}"#
        #expect(problem(missingUnit)?.message.contains("measurements[0]") == true)
    }

    @Test func latencySummariesComeFromTheHistogram() {
        var histogram = LatencyHistogram()
        for millisecond in 1...100 { histogram.record(seconds: Double(millisecond) / 1000) }
        let summary = histogram.summary
        #expect(summary.count == 100)
        #expect(abs(summary.p50 - 50) < 0.1)
        #expect(abs(summary.p99 - 99) < 0.1)
        #expect(abs(summary.max - 100) < 0.1)
        #expect(LatencyHistogram().summary.count == 0)
    }

    @Test func templatesRenderContractValidEventsWithTheirHolesFilled() throws {
        let events = try BenchNodeEvents(
            environment: "dev", topics: TopicNames(), nodeType: .compute, heartbeatIntervalSeconds: 5)
        let time = EventTimestamp(microsecondsSinceEpoch: 1_795_000_000_123_456)
        let introspection = events.introspection("bench-x-000001", at: time)
        let envelope = try EventCodec.decode(introspection.value ?? [])
        #expect(envelope.eventType == .nodeIntrospection)
        #expect(envelope.payload.key == "bench-x-000001")
        #expect(envelope.eventTimestamp == time)
        #expect(introspection.key == Array("bench-x-000001".utf8))
        #expect(introspection.topic == TopicNames.defaultIntrospection)
        guard case .introspection(let node) = envelope.payload else {
            Issue.record("not an introspection")
            return
        }
        #expect(node.nodeType == .compute)
        let heartbeat = try EventCodec.decode(events.heartbeat("bench-x-000002", at: time).value ?? [])
        #expect(heartbeat.eventType == .nodeHeartbeat && heartbeat.payload.key == "bench-x-000002")
        let shutdown = events.shutdown("bench-x-000003")
        #expect(shutdown.topic == TopicNames.defaultIntrospection)
        #expect(try EventCodec.decode(shutdown.value ?? []).eventType == .nodeShutdown)
        // Every event gets an id of its own.
        let first = try EventCodec.decode(events.heartbeat("n").value ?? [])
        let second = try EventCodec.decode(events.heartbeat("n").value ?? [])
        #expect(first.eventID != second.eventID)
    }

    @Test func serviceIDsAreScannedFromConsulAnswers() {
        let body = """
            [{"Node":{"ID":"x"},"Service":{"ID":"a-1","Service":"compute"},"Checks":[{"CheckID":"serfHealth","ServiceID":""},{"CheckID":"service:a-1","ServiceID": "a-1"}]},
             {"Checks":[{"ServiceID":"a-2"}]}]
            """
        #expect(ConsulPassingWatch.serviceIDs(in: Array(body.utf8)) == ["a-1", "a-2"])
        #expect(ConsulPassingWatch.serviceIDs(in: Array("[]".utf8)).isEmpty)
    }

    @Test func selfReportedPercentilesAreBucketBoundsOfTheDelta() {
        let before = RegistryMetricsScrape(
            text: """
                bridge_registry_registration_latency_seconds_bucket{le="0.005"} 10
                bridge_registry_registration_latency_seconds_bucket{le="0.01"} 10
                bridge_registry_registration_latency_seconds_bucket{le="+Inf"} 10
                """)
        let after = RegistryMetricsScrape(
            text: """
                # HELP x
                bridge_registry_registration_latency_seconds_bucket{le="0.005"} 15
                bridge_registry_registration_latency_seconds_bucket{le="0.01"} 19
                bridge_registry_registration_latency_seconds_bucket{le="+Inf"} 20
                bridge_registry_consul_requests_total{operation="ttl_pass",result="ok"} 7
                bridge_registry_consul_requests_total{operation="register",result="ok"} 3
                """)
        let delta = SelfReportedLatency.delta(before: before, after: after)
        #expect(delta.percentile(0.5) == 0.005)
        #expect(delta.percentile(0.9) == 0.01)
        #expect(delta.percentile(0.99) == .infinity)
        #expect(after.sum("bridge_registry_consul_requests_total", labels: ["ttl_pass"]) == 7)
        #expect(after.sum("bridge_registry_consul_requests_total") == 10)
    }
}

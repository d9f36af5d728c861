import BridgeEvents
import Prometheus

/// The registry's Prometheus metrics (`GET /metrics`): what it consumed and what became of it, how
/// long registrations took end to end, the DLQ, batch sizes, store requests, lag and commits.
public final class RegistryMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    private let consumed: [EventType: Counter]
    private let outcomes: [String: Counter]
    let deadLetters: Counter
    let registrationLatency: DurationHistogram
    let batchSize: ValueHistogram
    let commits: Counter
    let commitFailures: Counter
    let consumerLag: Gauge
    let knownNodes: Gauge
    let liveNodes: Gauge
    let storeUp: [RegistryDependency: Gauge]
    let driftRepairs: Counter
    let pendingConsul: Gauge
    let ttlPassesQueued: Gauge
    let heldPostgres: Gauge
    let staleMarked: Counter
    let evictions: Counter
    let selfPreservation: Gauge
    let unanswered: Gauge

    static let outcomeNames = [
        "applied", "stale", "unchanged", "other_environment", "dead_letter", "ignored",
    ]

    public init() {
        var consumed: [EventType: Counter] = [:]
        for type in [EventType.nodeIntrospection, .nodeHeartbeat, .nodeShutdown] {
            consumed[type] = registry.makeCounter(
                descriptor: Self.describe(
                    "bridge_registry_events_consumed_total", "Contract events consumed, by event type."),
                labels: [("type", type.rawValue)])
        }
        self.consumed = consumed
        var outcomes: [String: Counter] = [:]
        for outcome in Self.outcomeNames {
            outcomes[outcome] = registry.makeCounter(
                descriptor: Self.describe(
                    "bridge_registry_events_total",
                    "Consumed messages by outcome: applied, stale, unchanged, other_environment, dead_letter, ignored."),
                labels: [("outcome", outcome)])
        }
        self.outcomes = outcomes
        deadLetters = registry.makeCounter(
            descriptor: Self.describe("bridge_registry_dead_letters_total", "Messages produced to a DLQ."))
        registrationLatency = registry.makeDurationHistogram(
            descriptor: Self.describe(
                "bridge_registry_registration_latency_seconds",
                "From an announcement's event_timestamp to both stores holding it."),
            buckets: [
                .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                .seconds(1), .seconds(5), .seconds(30),
            ])
        batchSize = registry.makeValueHistogram(
            descriptor: Self.describe("bridge_registry_batch_size", "Messages per processed batch."),
            buckets: [1, 2, 5, 10, 50, 100, 250, 500, 1000, 2500, 5000])
        commits = registry.makeCounter(
            descriptor: Self.describe("bridge_registry_commits_total", "Offset commits that succeeded."))
        commitFailures = registry.makeCounter(
            descriptor: Self.describe(
                "bridge_registry_commit_failures_total", "Offset commits that failed (retried later)."))
        consumerLag = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_consumer_lag", "Messages in assigned partitions not yet committed."))
        knownNodes = registry.makeGauge(
            descriptor: Self.describe("bridge_registry_known_nodes", "Nodes the registry knows."))
        liveNodes = registry.makeGauge(
            descriptor: Self.describe("bridge_registry_live_nodes", "Known nodes not deregistered."))
        var storeUp: [RegistryDependency: Gauge] = [:]
        for dependency in RegistryDependency.allCases {
            storeUp[dependency] = registry.makeGauge(
                descriptor: Self.describe(
                    "bridge_registry_dependency_up", "1 when the dependency answered the last request, else 0."),
                labels: [("dependency", dependency.rawValue)])
        }
        self.storeUp = storeUp
        driftRepairs = registry.makeCounter(
            descriptor: Self.describe(
                "bridge_registry_consul_drift_repairs_total",
                "Consul services registered or removed to match PostgreSQL."))
        pendingConsul = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_consul_pending", "Nodes whose Consul registration or removal is owed."))
        ttlPassesQueued = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_ttl_passes_queued", "TTL passes owed to Consul, not sent yet (one per node at most)."))
        heldPostgres = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_postgres_held_nodes", "Nodes with PostgreSQL writes held while it is unreachable."))
        staleMarked = registry.makeCounter(
            descriptor: Self.describe("bridge_registry_stale_total", "Nodes marked stale for missing heartbeats."))
        evictions = registry.makeCounter(
            descriptor: Self.describe("bridge_registry_evictions_total", "Nodes evicted for silence."))
        selfPreservation = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_self_preservation", "1 while the registry is blind and evicts nobody."))
        unanswered = registry.makeGauge(
            descriptor: Self.describe(
                "bridge_registry_unanswered_nodes", "Known nodes that did not answer the last introspection request."))
    }

    func consumed(_ type: EventType) { consumed[type]?.increment() }

    func outcome(_ name: String, _ count: Int = 1) {
        guard count > 0 else { return }
        outcomes[name]?.increment(by: Int64(count))
    }

    /// Made on first use: the Prometheus registry hands back the existing counter for the same name
    /// and labels.
    func consulRequest(_ operation: String, _ result: String) {
        registry.makeCounter(
            descriptor: Self.describe(
                "bridge_registry_consul_requests_total",
                "Consul requests by operation (register, deregister, ttl_pass) and result."),
            labels: [("operation", operation), ("result", result)]
        ).increment()
    }

    private static func describe(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    public func text() -> String { registry.emitToString() }
}

import BridgeEvents
import Prometheus

/// What `/metrics` shows for a node process (one set for all its simulated nodes), in Prometheus
/// text format.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let published: [EventType: Counter]
    private let failures: [EventType: Counter]
    let heartbeatsSkipped: Counter
    let requestsAnswered: Counter
    let requestsIgnored: Counter
    /// Seconds from a heartbeat's due time to the broker's acknowledgement, for the latest one.
    let heartbeatLag: Gauge
    let secondsSinceLastPublish: Gauge
    let bufferedEvents: Gauge
    let kafkaReachable: Gauge
    let nodes: Gauge

    public init() {
        let types: [EventType] = [.nodeIntrospection, .nodeHeartbeat, .nodeShutdown]
        var published: [EventType: Counter] = [:]
        var failures: [EventType: Counter] = [:]
        for type in types {
            published[type] = registry.makeCounter(
                descriptor: Self.descriptor(
                    "events_published", "total", "Events the broker acknowledged, by event type."),
                labels: [("event_type", type.rawValue)])
            failures[type] = registry.makeCounter(
                descriptor: Self.descriptor(
                    "publish_failures", "total",
                    "Events that could not be queued or were not acknowledged in time, by event type."),
                labels: [("event_type", type.rawValue)])
        }
        self.published = published
        self.failures = failures
        heartbeatsSkipped = registry.makeCounter(
            descriptor: Self.descriptor(
                "heartbeats_skipped", "total",
                "Heartbeats not sent because Kafka was unreachable or the previous one was still unacknowledged."))
        requestsAnswered = registry.makeCounter(
            descriptor: Self.descriptor(
                "registry_requests_answered", "total",
                "Introspections sent in answer to registry requests (one per node and request)."))
        requestsIgnored = registry.makeCounter(
            descriptor: Self.descriptor(
                "registry_requests_ignored", "total",
                "Registry requests a node did not answer (other node types, already answered)."))
        heartbeatLag = registry.makeGauge(
            descriptor: Self.descriptor(
                "heartbeat_lag", "seconds",
                "Seconds from the latest acknowledged heartbeat's due time to its acknowledgement."))
        secondsSinceLastPublish = registry.makeGauge(
            descriptor: Self.descriptor(
                "seconds_since_last_publish", "",
                "Seconds since the broker last acknowledged an event of this process (-1: never)."))
        bufferedEvents = registry.makeGauge(
            descriptor: Self.descriptor(
                "buffered_events", "", "Events waiting in the producer for Kafka's acknowledgement."))
        kafkaReachable = registry.makeGauge(
            descriptor: Self.descriptor(
                "kafka_reachable", "", "1 when Kafka answered the latest probe or delivery, else 0."))
        nodes = registry.makeGauge(descriptor: Self.descriptor("nodes", "", "Nodes this process runs."))
    }

    static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "bridge", subsystem: "node", metricName: name, unitName: unit, helpText: help)
    }

    func recordPublished(_ type: EventType) { published[type]?.increment() }
    func recordFailure(_ type: EventType) { failures[type]?.increment() }

    /// The exposition text (version 0.0.4).
    public func render() -> [UInt8] { registry.emitToBuffer() }
}

/// Whether a node can reach Kafka, from two kinds of evidence: periodic probes (a metadata request)
/// and the outcome of deliveries. It decides when the node announces itself again: after any outage
/// (or a start without Kafka), the first sign of Kafka being back owes one introspection with
/// `broadcast_reason: reconnect`. Times are seconds on a monotonic clock.
///
/// One failed probe is not an outage: a probe that fails between two that succeed (a connection
/// librdkafka was still re-establishing after the broker came back, or a 1 s probe timeout on a
/// loaded machine) made a node flap to degraded just after it had reported healthy again. It takes
/// `probeFailuresForAnOutage` in a row; a failed delivery (which has waited its whole timeout) is one.
public struct KafkaConnectivity: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// No evidence yet (just started).
        case unknown
        case reachable
        case unreachable
    }

    public private(set) var state: State = .unknown
    /// When the broker last acknowledged something this node published.
    public private(set) var lastSuccessfulPublish: Double?
    /// Set by an outage; the next reachability announces the node again.
    public private(set) var announcementOwed = false
    public private(set) var lastFailure: String?
    /// Probes failed in a row since the last sign of Kafka.
    public private(set) var consecutiveProbeFailures = 0

    public static let probeFailuresForAnOutage = 2

    public init() {}

    public var isReachable: Bool { state == .reachable }

    public enum Transition: Sendable, Hashable {
        /// Kafka came back after an outage: publish the current introspection (reason reconnect).
        case reconnected
        case lost
    }

    public mutating func probeSucceeded() -> Transition? {
        becomeReachable()
    }

    public mutating func probeFailed(_ reason: String) -> Transition? {
        consecutiveProbeFailures += 1
        guard consecutiveProbeFailures >= Self.probeFailuresForAnOutage else { return nil }
        return becomeUnreachable(reason)
    }

    public mutating func deliverySucceeded(at now: Double) -> Transition? {
        lastSuccessfulPublish = now
        return becomeReachable()
    }

    public mutating func deliveryFailed(_ reason: String) -> Transition? {
        becomeUnreachable(reason)
    }

    private mutating func becomeReachable() -> Transition? {
        consecutiveProbeFailures = 0
        let was = state
        state = .reachable
        lastFailure = nil
        guard was != .reachable, announcementOwed else { return nil }
        announcementOwed = false
        return .reconnected
    }

    private mutating func becomeUnreachable(_ reason: String) -> Transition? {
        let was = state
        state = .unreachable
        lastFailure = reason
        announcementOwed = true
        return was == .unreachable ? nil : .lost
    }
}

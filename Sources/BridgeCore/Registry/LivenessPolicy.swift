/// Liveness decisions (DESIGN.md §4.5–4.6): a node silent for `staleAfter` is stale; silent for
/// `evictAfter` it is evicted — unless the registry is blind, when it evicts nobody.
public struct LivenessPolicy: Sendable, Hashable {
    public let staleAfterSeconds: Double
    public let evictAfterSeconds: Double
    /// More than this fraction of live nodes silent at once means the registry, not the nodes, lost sight.
    public let evictionPauseFraction: Double

    public init(staleAfterSeconds: Double, evictAfterSeconds: Double = 300, evictionPauseFraction: Double = 0.3) {
        self.staleAfterSeconds = staleAfterSeconds
        self.evictAfterSeconds = evictAfterSeconds
        self.evictionPauseFraction = evictionPauseFraction
    }

    public enum State: String, Sendable, Hashable {
        case live, stale, evict
    }

    /// The state of a node last heard `silentSeconds` ago (stale threshold per node: 3 × its own
    /// heartbeat interval when it announced one, else the policy's).
    public func state(silentSeconds: Double, nodeHeartbeatInterval: Double?) -> State {
        let staleAfter = nodeHeartbeatInterval.map { $0 * 3 } ?? staleAfterSeconds
        if silentSeconds >= max(evictAfterSeconds, staleAfter) { return .evict }
        if silentSeconds >= staleAfter { return .stale }
        return .live
    }

    /// Why the registry is blind right now, or nil when it may evict. `silentFraction` is the share of
    /// tracked nodes silent (stale or worse) at this sweep. (The re-announce window after a start also
    /// forbids evictions, but it is not blindness: the registry sees fine.)
    public func blindness(
        kafkaReachable: Bool, lagGrowing: Bool, silentFraction: Double
    ) -> String? {
        if !kafkaReachable { return "Kafka is unreachable" }
        if lagGrowing { return "consumer lag is growing" }
        if silentFraction > evictionPauseFraction {
            return "\(Int((silentFraction * 100).rounded()))% of live nodes went silent at once"
        }
        return nil
    }

    /// The re-announce window after start: max(2 × heartbeat interval, response timeout + 5 s).
    public static func reannounceWindowSeconds(heartbeatInterval: Double, responseTimeoutMilliseconds: Int64) -> Double
    {
        max(2 * heartbeatInterval, Double(responseTimeoutMilliseconds) / 1000 + 5)
    }
}

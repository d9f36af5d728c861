/// Whether a due heartbeat is handed to the producer. Heartbeats are only worth their freshness: while
/// Kafka is unreachable, or while this node's previous heartbeat is still waiting for its
/// acknowledgement, a new one is skipped, so an outage never leaves a backlog of stale heartbeats to
/// flood the registry when Kafka returns (at most one per node is ever buffered).
public enum HeartbeatAdmission: Sendable, Hashable {
    case send
    case skip(reason: String)

    public static func decide(kafka: KafkaConnectivity.State, previousUndelivered: Bool) -> HeartbeatAdmission {
        if kafka == .unreachable { return .skip(reason: "kafka unreachable") }
        if previousUndelivered { return .skip(reason: "previous heartbeat not yet acknowledged") }
        return .send
    }
}

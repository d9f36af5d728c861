import BridgeEvents

/// What a `NodeRunner` tells its host (the CLI prints these; the library never prints).
public enum NodeRunnerEvent: Sendable {
    /// Every node's introspection for `reason` was acknowledged, `milliseconds` after the runner's
    /// start instant (for `.startup`: start → introspection acknowledged).
    case announced(reason: BroadcastReason, nodes: Int, milliseconds: Double)
    case kafkaLost(reason: String)
    case kafkaReconnected
    /// On shutdown: how many NODE_SHUTDOWN events were acknowledged.
    case stopped(shutdownsAcknowledged: Int, nodes: Int)
}

/// A node's own health as `/health` reports it: healthy with Kafka, degraded without (it keeps
/// serving), unhealthy when events pile up beyond what it can hold.
public enum NodeHealth: String, Sendable, Hashable, Codable {
    case healthy, degraded, unhealthy

    /// 200 for healthy and degraded (the node works), 503 for unhealthy.
    public var httpStatus: Int { self == .unhealthy ? 503 : 200 }

    public static func assess(kafkaReachable: Bool, bufferedEvents: Int, bufferLimit: Int) -> NodeHealth {
        if bufferedEvents >= bufferLimit { return .unhealthy }
        return kafkaReachable ? .healthy : .degraded
    }
}

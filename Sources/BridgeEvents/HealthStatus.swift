/// A node's self-reported health in NODE_HEARTBEAT (`payload.health_status`).
public enum HealthStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case healthy, degraded, unhealthy, critical, recovering
}

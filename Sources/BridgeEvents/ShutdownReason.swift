/// Why a node is leaving (`payload.reason` of NODE_SHUTDOWN).
public enum ShutdownReason: String, Sendable, Hashable, CaseIterable, Codable {
    case shutdown, restart, manual
}

/// Why a registry asks nodes to announce again (`payload.reason` of REGISTRY_REQUEST_INTROSPECTION).
public enum RequestReason: String, Sendable, Hashable, CaseIterable, Codable {
    case startup
    case startupRebroadcast = "startup_rebroadcast"
    case recovery, refresh, manual
    case nodeJoin = "node_join"
}

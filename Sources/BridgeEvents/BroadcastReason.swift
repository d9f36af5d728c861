/// Why a node announced itself (`payload.metadata.broadcast_reason` of NODE_INTROSPECTION).
public enum BroadcastReason: String, Sendable, Hashable, CaseIterable, Codable {
    case startup
    case registryRequest = "registry_request"
    case periodic, manual
    case capabilityChange = "capability_change"
    case reconnect
}

/// The four event types of the contract. Writers use the upper-snake raw values; readers also take
/// the lower-snake and kebab spellings the Python deployment emits.
public enum EventType: String, Sendable, Hashable, CaseIterable, Codable {
    case nodeIntrospection = "NODE_INTROSPECTION"
    case nodeHeartbeat = "NODE_HEARTBEAT"
    case registryRequestIntrospection = "REGISTRY_REQUEST_INTROSPECTION"
    case nodeShutdown = "NODE_SHUTDOWN"

    /// Accepts `NODE_HEARTBEAT`, `node_heartbeat` and `node-heartbeat` (but not mixed case, which no
    /// known writer produces).
    public init?(spelling: String) {
        if let exact = EventType(rawValue: spelling) {
            self = exact
            return
        }
        guard spelling == spelling.lowercased() else { return nil }
        let normalized = String(spelling.uppercased().map { $0 == "-" ? "_" : $0 })
        guard let type = EventType(rawValue: normalized) else { return nil }
        self = type
    }

    public static let acceptedList =
        "expected NODE_INTROSPECTION, NODE_HEARTBEAT, REGISTRY_REQUEST_INTROSPECTION or NODE_SHUTDOWN (or their lower-snake or kebab spellings)"
}

import BridgeEvents

/// Everything one batch asks of the stores, decided before any I/O. At most one write of each kind
/// per node: events of a node within a batch are coalesced under the generation rule.
public struct RegistryPlan: Sendable {
    public var introspections: [AppliedEvent<NodeIntrospection>] = []
    public var heartbeats: [AppliedEvent<NodeHeartbeat>] = []
    public var shutdowns: [AppliedEvent<NodeShutdown>] = []
    public var consulRegistrations: [ServiceRegistration] = []
    /// Service IDs to remove from Consul.
    public var consulDeregistrations: [String] = []
    /// Check IDs whose TTL to pass.
    public var ttlPasses: [String] = []
    /// Events that break a rule the planner checks (environment reuse), with the reason.
    public var deadLetters: [(event: ConsumedEvent, reason: String)] = []
    /// Nodes heard from by heartbeat only, to be asked to announce (reason `node_join`).
    public var joinRequests: [String] = []
    /// Introspections that answered a registry request: node id → correlation id.
    public var answers: [String: EventUUID] = [:]
    public var staleSkipped = 0
    public var otherEnvironmentSkipped = 0
    public var unchangedSkipped = 0
    /// The node states to keep once the plan's effects are durable.
    public var nextStates: [String: RegistryNodeState] = [:]

    public init() {}

    public var isEmpty: Bool {
        introspections.isEmpty && heartbeats.isEmpty && shutdowns.isEmpty && consulRegistrations.isEmpty
            && consulDeregistrations.isEmpty && ttlPasses.isEmpty && deadLetters.isEmpty
    }
}

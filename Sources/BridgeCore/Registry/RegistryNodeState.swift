import BridgeEvents

/// What the registry remembers of one node between batches.
public struct RegistryNodeState: Sendable, Hashable {
    public var nodeID: String
    public var nodeType: NodeType
    public var environment: String
    public var generation: NodeGeneration
    /// Of the newest applied announcement; nil when not known (e.g. loaded without content).
    public var fingerprint: AnnouncementFingerprint?
    /// What Consul holds for it as far as the registry knows; nil when nothing (or unknown).
    public var registration: ServiceRegistration?
    /// The registration the node's newest announcement asks for; nil after a shutdown.
    public var desiredRegistration: ServiceRegistration?
    public var heartbeatIntervalSeconds: Double
    /// Monotonic seconds when the node was last heard from (any applied event).
    public var lastHeardAt: Double
    /// Monotonic seconds of the last TTL pass sent for it.
    public var lastTTLPassAt: Double?
    public var deregistered: Bool
    /// The partition number its events were last read from (nil: not heard since the registry started);
    /// decides which registry of a group judges it (`PartitionOwnership`).
    public var lastPartition: Int32?

    public init(
        nodeID: String, nodeType: NodeType, environment: String, generation: NodeGeneration,
        fingerprint: AnnouncementFingerprint? = nil, registration: ServiceRegistration? = nil,
        desiredRegistration: ServiceRegistration? = nil, heartbeatIntervalSeconds: Double, lastHeardAt: Double,
        lastTTLPassAt: Double? = nil, deregistered: Bool = false, lastPartition: Int32? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.environment = environment
        self.generation = generation
        self.fingerprint = fingerprint
        self.registration = registration
        self.desiredRegistration = desiredRegistration
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.lastHeardAt = lastHeardAt
        self.lastTTLPassAt = lastTTLPassAt
        self.deregistered = deregistered
        self.lastPartition = lastPartition
    }
}

/// The registry's settings that shape what it writes (flags of `registry run`).
public struct RegistryOptions: Sendable, Hashable {
    public enum CheckKind: String, Sendable, Hashable, CaseIterable {
        case ttl, http
    }

    public var registryID: String
    public var environment: String
    public var serviceName: ConsulServiceNameTemplate
    public var checkKind: CheckKind
    /// Used for nodes that do not announce `metadata.heartbeat_interval_seconds`.
    public var defaultHeartbeatIntervalSeconds: Double
    public var deregisterCriticalAfterSeconds: Int?
    /// The tag every service we register carries, so drift repair only touches ours.
    public static let ownershipTag = "omninode_bridge"

    public init(
        registryID: String, environment: String, serviceName: ConsulServiceNameTemplate = .standard,
        checkKind: CheckKind = .ttl, defaultHeartbeatIntervalSeconds: Double = 30,
        deregisterCriticalAfterSeconds: Int? = nil
    ) {
        self.registryID = registryID
        self.environment = environment
        self.serviceName = serviceName
        self.checkKind = checkKind
        self.defaultHeartbeatIntervalSeconds = defaultHeartbeatIntervalSeconds
        self.deregisterCriticalAfterSeconds = deregisterCriticalAfterSeconds
    }
}

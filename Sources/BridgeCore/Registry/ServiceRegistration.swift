/// What the registry asks Consul to hold for one node: an agent service with one health check.
public struct ServiceRegistration: Sendable, Hashable {
    public enum Check: Sendable, Hashable {
        /// Passed by the registry on heartbeats; critical when they stop.
        case ttl(seconds: Int)
        /// Consul polls the node's health endpoint.
        case http(url: String, intervalSeconds: Int)
    }

    public var id: String
    public var name: String
    public var tags: [String]
    public var address: String
    public var port: Int
    public var meta: [String: String]
    public var check: Check
    /// Off by default: eviction is the registry's decision (DESIGN.md §4.5).
    public var deregisterCriticalAfterSeconds: Int?

    public init(
        id: String, name: String, tags: [String], address: String, port: Int, meta: [String: String], check: Check,
        deregisterCriticalAfterSeconds: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.tags = tags
        self.address = address
        self.port = port
        self.meta = meta
        self.check = check
        self.deregisterCriticalAfterSeconds = deregisterCriticalAfterSeconds
    }

    /// The check's ID: Consul's default for a service's single check.
    public var checkID: String { "service:\(id)" }
}

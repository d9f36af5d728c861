/// What `bridgectl dev broker` starts: how many mock brokers, on which fixed ports, with which topics.
public struct DevBrokerConfiguration: Sendable, Hashable {
    public static let defaultPort = 9092
    /// The seed's Redpanda admin port.
    public static let defaultAdminPort = 9644
    public static let defaultPartitions = 12

    /// The fixed bootstrap port (0: let the kernel choose).
    public var port: Int
    /// The admin endpoint's port; nil: no admin endpoint.
    public var adminPort: Int?
    public var brokerCount: Int
    public var partitions: Int
    /// Topics created at start (the contract's topics and their DLQs).
    public var topics: [String]

    public init(
        port: Int = defaultPort, adminPort: Int? = defaultAdminPort, brokerCount: Int = 1,
        partitions: Int = defaultPartitions, topics: [String]
    ) {
        self.port = port
        self.adminPort = adminPort
        self.brokerCount = brokerCount
        self.partitions = partitions
        self.topics = topics
    }

    /// Each partition is copied to up to three brokers (the mock keeps one copy in memory anyway;
    /// replicas only shape the metadata clients see).
    public var replicationFactor: Int { min(brokerCount, 3) }

    public func validate() throws(BridgeError) {
        for (flag, value) in [("--port", port), ("--admin-port", adminPort ?? 1)] where !(0...65_535).contains(value) {
            throw .usage("\(flag) \(value) is not a port; accepted: 0-65535 (0: any free port).")
        }
        guard (1...32).contains(brokerCount) else {
            throw .usage("--brokers \(brokerCount) is out of range; accepted: 1-32 brokers.")
        }
        guard (1...1_000).contains(partitions) else {
            throw .usage("--partitions \(partitions) is out of range; accepted: 1-1000 partitions per topic.")
        }
    }
}

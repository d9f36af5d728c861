/// Where a benchmark runs: the stack's addresses (from flags, environment or a `dev up` state
/// directory's `stack.json`) and, when known, the registry's URL and pid.
public struct BenchStack: Sendable {
    public var kafka: KafkaSettings
    public var consul: ConsulSettings
    public var postgres: PostgresSettings
    public var topics: TopicNames
    public var environment: String
    /// The registry's base URL (`/health`, `/metrics`); nil: nothing self-reported is read.
    public var registryURL: String?
    /// The registry's pid (its RSS and CPU are read from /proc); nil: not sampled.
    public var registryPID: Int32?

    public init(
        kafka: KafkaSettings, consul: ConsulSettings, postgres: PostgresSettings, topics: TopicNames,
        environment: String, registryURL: String? = nil, registryPID: Int32? = nil
    ) {
        self.kafka = kafka
        self.consul = consul
        self.postgres = postgres
        self.topics = topics
        self.environment = environment
        self.registryURL = registryURL
        self.registryPID = registryPID
    }
}

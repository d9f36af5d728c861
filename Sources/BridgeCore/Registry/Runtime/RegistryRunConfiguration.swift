/// Everything `registry run` needs, resolved from flags and environment by the CLI.
public struct RegistryRunConfiguration: Sendable {
    public static let defaultGroupID = "bridge-registry-group"

    /// Registries of different environments sharing a broker must not share a group: each would be
    /// handed part of the other's partitions and skip what it reads there. `dev` keeps the seed's name.
    public static func defaultGroupID(environment: String) -> String {
        environment == "dev" ? defaultGroupID : "\(defaultGroupID).\(environment)"
    }
    public static let defaultPort = 8062

    public var kafka: KafkaSettings
    public var topics: TopicNames
    public var consul: ConsulSettings
    public var postgres: PostgresSettings
    public var options: RegistryOptions
    public var groupID: String
    /// The HTTP server (`/health`, `/metrics`); 0 picks a free port.
    public var bindHost: String
    public var port: Int
    /// The host the registry advertises in its own endpoints (its bind address unless that is a
    /// wildcard, which Consul refuses).
    public var advertisedHost: String
    /// The most messages processed as one batch.
    public var batchSize: Int
    /// Parallel Consul requests (kept-alive connections).
    public var consulConcurrency: Int
    /// The answer window of the registry's own introspection requests.
    public var requestResponseTimeoutMilliseconds: Int64
    /// How often the consumer lag is measured.
    public var lagIntervalSeconds: Double
    /// nil: 3 × each node's heartbeat interval.
    public var staleAfterSeconds: Double?
    public var evictAfterSeconds: Double
    public var evictionPauseFraction: Double
    /// How often Consul is compared with what the registry knows (drift repair).
    public var consulSyncIntervalSeconds: Double

    public init(
        kafka: KafkaSettings, topics: TopicNames, consul: ConsulSettings, postgres: PostgresSettings,
        options: RegistryOptions, groupID: String = defaultGroupID, bindHost: String = "127.0.0.1",
        port: Int = defaultPort, advertisedHost: String? = nil, batchSize: Int = 2_000, consulConcurrency: Int = 8,
        requestResponseTimeoutMilliseconds: Int64 = 5_000, lagIntervalSeconds: Double = 2,
        staleAfterSeconds: Double? = nil, evictAfterSeconds: Double = 300, evictionPauseFraction: Double = 0.3,
        consulSyncIntervalSeconds: Double = 30
    ) {
        self.kafka = kafka
        self.topics = topics
        self.consul = consul
        self.postgres = postgres
        self.options = options
        self.groupID = groupID
        self.bindHost = bindHost
        self.port = port
        self.advertisedHost =
            advertisedHost ?? (bindHost == "0.0.0.0" || bindHost == "::" || bindHost.isEmpty ? "127.0.0.1" : bindHost)
        self.batchSize = batchSize
        self.consulConcurrency = consulConcurrency
        self.requestResponseTimeoutMilliseconds = requestResponseTimeoutMilliseconds
        self.lagIntervalSeconds = lagIntervalSeconds
        self.staleAfterSeconds = staleAfterSeconds
        self.evictAfterSeconds = evictAfterSeconds
        self.evictionPauseFraction = evictionPauseFraction
        self.consulSyncIntervalSeconds = consulSyncIntervalSeconds
    }

    public var liveness: LivenessPolicy {
        LivenessPolicy(
            staleAfterSeconds: staleAfterSeconds ?? 3 * heartbeatIntervalSeconds, evictAfterSeconds: evictAfterSeconds,
            evictionPauseFraction: evictionPauseFraction)
    }

    /// The registry's heartbeat interval (its own, and the default for nodes that do not say).
    public var heartbeatIntervalSeconds: Double { options.defaultHeartbeatIntervalSeconds }
}

/// How `NodeRunner` talks to Kafka and paces itself; the defaults are what `node run` uses.
public struct NodeRunnerOptions: Sendable {
    public var settings: NodeSettings
    public var kafka: KafkaSettings
    public var topics: TopicNames
    /// The envelopes' `source_version`.
    public var sourceVersion: String
    /// How often Kafka is probed (a metadata request), and how long a probe may take.
    public var probeInterval: Duration
    public var probeTimeout: Duration
    /// How long an event may wait for its acknowledgement before it counts as failed.
    public var deliveryTimeoutMilliseconds: Int
    /// How long NODE_SHUTDOWN may take to be acknowledged on SIGTERM (the whole stop stays under 5 s).
    public var shutdownFlushTimeout: Duration

    public init(
        settings: NodeSettings, kafka: KafkaSettings, topics: TopicNames, sourceVersion: String,
        probeInterval: Duration = .seconds(1), probeTimeout: Duration = .seconds(1),
        deliveryTimeoutMilliseconds: Int = 30_000, shutdownFlushTimeout: Duration = .milliseconds(2_500)
    ) {
        self.settings = settings
        self.kafka = kafka
        self.topics = topics
        self.sourceVersion = sourceVersion
        self.probeInterval = probeInterval
        self.probeTimeout = probeTimeout
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.shutdownFlushTimeout = shutdownFlushTimeout
    }
}

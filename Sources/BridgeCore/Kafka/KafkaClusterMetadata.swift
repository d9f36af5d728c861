/// What a Metadata request tells about the cluster: its brokers and topics.
public struct KafkaClusterMetadata: Sendable, Hashable {
    public struct Broker: Sendable, Hashable {
        public var id: Int32
        public var host: String
        public var port: Int

        public init(id: Int32, host: String, port: Int) {
            self.id = id
            self.host = host
            self.port = port
        }

        public var address: String { "\(host):\(port)" }
    }

    public struct Partition: Sendable, Hashable {
        public var id: Int32
        public var leader: Int32
        public var replicas: [Int32]
        public var error: String?

        public init(id: Int32, leader: Int32, replicas: [Int32], error: String? = nil) {
            self.id = id
            self.leader = leader
            self.replicas = replicas
            self.error = error
        }
    }

    public struct Topic: Sendable, Hashable {
        public var name: String
        public var partitions: [Partition]
        /// Set when the broker reported a topic-level error (e.g. unknown topic).
        public var error: KafkaClientError?

        public init(name: String, partitions: [Partition], error: KafkaClientError? = nil) {
            self.name = name
            self.partitions = partitions
            self.error = error
        }

        public var topicPartitions: [TopicPartition] {
            partitions.map { TopicPartition(topic: name, partition: $0.id) }.sorted()
        }
    }

    public var brokers: [Broker]
    public var topics: [Topic]

    public init(brokers: [Broker], topics: [Topic]) {
        self.brokers = brokers
        self.topics = topics
    }

    public func topic(_ name: String) -> Topic? {
        topics.first { $0.name == name }
    }
}

/// The contract's topic names after applying `KAFKA_TOPIC_PREFIX` (to default names only) and the
/// `KAFKA_*_TOPIC` overrides (used exactly as given).
public struct TopicNames: Sendable, Hashable {
    public static let defaultIntrospection = "node-introspection.v1"
    public static let defaultHeartbeat = "node-heartbeat.v1"
    public static let defaultRegistryRequest = "registry-request-introspection.v1"
    public static let defaultDLQSuffix = ".dlq"

    public var introspection: String
    public var heartbeat: String
    public var registryRequest: String
    public var dlqSuffix: String

    public init(
        introspection: String = defaultIntrospection, heartbeat: String = defaultHeartbeat,
        registryRequest: String = defaultRegistryRequest, dlqSuffix: String = defaultDLQSuffix
    ) {
        self.introspection = introspection
        self.heartbeat = heartbeat
        self.registryRequest = registryRequest
        self.dlqSuffix = dlqSuffix
    }

    public static func resolve(source: ConfigurationSource) throws(BridgeError) -> TopicNames {
        let prefix = source.value("KAFKA_TOPIC_PREFIX") ?? ""
        let names = TopicNames(
            introspection: source.value("KAFKA_INTROSPECTION_TOPIC") ?? prefix + defaultIntrospection,
            heartbeat: source.value("KAFKA_HEARTBEAT_TOPIC") ?? prefix + defaultHeartbeat,
            registryRequest: source.value("KAFKA_REGISTRY_REQUEST_TOPIC") ?? prefix + defaultRegistryRequest,
            dlqSuffix: source.value("KAFKA_DLQ_SUFFIX") ?? defaultDLQSuffix)
        for (variable, topic) in [
            ("KAFKA_INTROSPECTION_TOPIC", names.introspection), ("KAFKA_HEARTBEAT_TOPIC", names.heartbeat),
            ("KAFKA_REGISTRY_REQUEST_TOPIC", names.registryRequest),
        ] {
            if let problem = Self.topicNameProblem(topic) {
                throw .usage(
                    "Topic '\(topic)' (from \(variable) or KAFKA_TOPIC_PREFIX) \(problem); accepted: 1-249 characters of A-Z a-z 0-9 . _ -."
                )
            }
        }
        return names
    }

    /// The dead-letter topic of `topic`: its effective name plus the suffix.
    public func dlq(of topic: String) -> String { topic + dlqSuffix }

    /// The three contract topics and their DLQs, which `dev broker` pre-creates.
    public var all: [String] {
        let sources = [introspection, heartbeat, registryRequest]
        return sources + sources.map(dlq(of:))
    }

    /// Kafka's own rule for topic names.
    public static func topicNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.count > 249 { return "is longer than 249 characters" }
        if name == "." || name == ".." { return "is not allowed" }
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "contains a character Kafka does not allow"
    }
}

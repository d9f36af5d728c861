/// How to reach Kafka: bootstrap servers and librdkafka properties passed through with `-X`.
public struct KafkaSettings: Sendable, Hashable {
    public static let defaultBrokers = "127.0.0.1:9092"

    public var brokers: String
    /// `-X key=value` pairs in the order given; later ones win, as with kcat.
    public var properties: [KafkaProperty]

    public init(brokers: String = KafkaSettings.defaultBrokers, properties: [KafkaProperty] = []) {
        self.brokers = brokers
        self.properties = properties
    }

    /// `--brokers` › `KAFKA_BOOTSTRAP_SERVERS` › 127.0.0.1:9092; `-X` values parsed and checked.
    public static func resolve(
        brokers flag: String?, properties: [String], source: ConfigurationSource
    )
        throws(BridgeError) -> KafkaSettings
    {
        let brokers = source.flagOrEnvironment(flag, "KAFKA_BOOTSTRAP_SERVERS") ?? defaultBrokers
        guard !brokers.contains(" "), !brokers.isEmpty else {
            throw .usage("'\(brokers)' is not a broker list; accepted: host:port[,host:port…].")
        }
        var parsed: [KafkaProperty] = []
        for text in properties {
            parsed.append(try KafkaProperty(parsing: text))
        }
        return KafkaSettings(brokers: brokers, properties: parsed)
    }
}

/// One librdkafka property, `key=value`.
public struct KafkaProperty: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public init(parsing text: String) throws(BridgeError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .usage(
                "-X '\(SecretRedaction.scrub(text))' is not a property; accepted: -X key=value (a librdkafka property)."
            )
        }
        self.key = String(text[..<equals])
        self.value = String(text[text.index(after: equals)...])
    }
}

/// How bridgectl's producers talk to Kafka. The defaults follow the contract (acks=all, idempotence)
/// and the embedded broker (lz4 batches are stored compressed; a low linger keeps acks fast).
public struct KafkaProducerOptions: Sendable, Hashable {
    public var clientID: String
    public var lingerMilliseconds: Int
    public var compression: String
    /// How long a message may wait for the broker's acknowledgement before it fails; nil keeps
    /// librdkafka's default (300 s), which is how long a node buffers through an outage.
    public var deliveryTimeoutMilliseconds: Int?
    /// The bound on buffering while the broker is unreachable: beyond it `send` fails at once.
    public var maxBufferedMessages: Int
    public var maxBufferedKilobytes: Int

    public init(
        clientID: String = "bridgectl", lingerMilliseconds: Int = 2, compression: String = "lz4",
        deliveryTimeoutMilliseconds: Int? = nil, maxBufferedMessages: Int = 100_000,
        maxBufferedKilobytes: Int = 65_536
    ) {
        self.clientID = clientID
        self.lingerMilliseconds = lingerMilliseconds
        self.compression = compression
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.maxBufferedMessages = maxBufferedMessages
        self.maxBufferedKilobytes = maxBufferedKilobytes
    }

    /// The librdkafka properties, in the order they are applied: ours first, then `-X` (so the
    /// operator's word is final, as with kcat).
    public func properties(for settings: KafkaSettings) -> [KafkaProperty] {
        var list: [KafkaProperty] = [
            .init(key: "bootstrap.servers", value: settings.brokers),
            .init(key: "client.id", value: clientID),
            .init(key: "acks", value: "all"),
            .init(key: "enable.idempotence", value: "true"),
            .init(key: "linger.ms", value: String(lingerMilliseconds)),
            .init(key: "compression.type", value: compression),
            .init(key: "queue.buffering.max.messages", value: String(maxBufferedMessages)),
            .init(key: "queue.buffering.max.kbytes", value: String(maxBufferedKilobytes)),
            .init(key: "socket.nagle.disable", value: "true"),
            // librdkafka backs off up to 10 s between reconnects by default; a broker that comes back
            // should be used within about a second.
            .init(key: "reconnect.backoff.max.ms", value: "1000"),
        ]
        if let deliveryTimeoutMilliseconds {
            list.append(.init(key: "message.timeout.ms", value: String(deliveryTimeoutMilliseconds)))
        }
        return list + settings.properties
    }
}

/// A message read from Kafka, copied out of librdkafka's buffers so it can travel between threads.
public struct KafkaMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]
    /// Milliseconds since the Unix epoch (producer's create time or the broker's log-append time), nil
    /// when the message carries none.
    public var timestampMilliseconds: Int64?

    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = [],
        timestampMilliseconds: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    public var keyText: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    /// The value of the first header called `name`, as text.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.text
    }

    public var position: TopicPartitionOffset {
        TopicPartitionOffset(topic: topic, partition: partition, offset: offset)
    }
}

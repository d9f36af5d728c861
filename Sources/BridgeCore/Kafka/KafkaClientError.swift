/// An error librdkafka reported, with its numeric code (librdkafka's `rd_kafka_resp_err_t`) and text.
public struct KafkaClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var topicPartition: TopicPartition?
    public var isFatal: Bool

    public init(code: Int32, message: String, topicPartition: TopicPartition? = nil, isFatal: Bool = false) {
        self.code = code
        self.message = message
        self.topicPartition = topicPartition
        self.isFatal = isFatal
    }

    /// librdkafka codes this layer tells apart (stable ABI values).
    public static let unknownTopicOrPartition: Int32 = 3
    public static let localUnknownTopic: Int32 = -188
    public static let localUnknownPartition: Int32 = -190

    public var isUnknownTopic: Bool {
        [Self.unknownTopicOrPartition, Self.localUnknownTopic, Self.localUnknownPartition].contains(code)
    }

    public var description: String {
        (topicPartition.map { "\($0): " } ?? "") + message
    }
}

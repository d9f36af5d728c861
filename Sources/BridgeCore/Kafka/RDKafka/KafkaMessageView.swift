import CRdKafka

/// A message as librdkafka holds it, read in place: nothing is copied until asked for. Valid only
/// during the handler call that receives it (librdkafka frees the message afterwards), so never
/// keep one; call `copy()` for a `KafkaMessage` that can be kept.
public struct KafkaMessageView {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    /// nil for a null key.
    public let key: UnsafeRawBufferPointer?
    /// nil for a null value.
    public let value: UnsafeRawBufferPointer?
    public let timestampMilliseconds: Int64?
    private let message: UnsafeMutablePointer<rd_kafka_message_t>

    init(_ message: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) {
        let fields = message.pointee
        self.message = message
        self.topic = topic
        partition = fields.partition
        offset = fields.offset
        key = fields.key.map { UnsafeRawBufferPointer(start: $0, count: fields.key_len) }
        value = fields.payload.map { UnsafeRawBufferPointer(start: $0, count: fields.len) }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        timestampMilliseconds = timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
    }

    /// The headers, parsed and copied now.
    public var headers: [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var result: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var bytes: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            result.append(
                KafkaHeader(
                    name: name.map { String(cString: $0) } ?? "",
                    value: bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
            index += 1
        }
        return result
    }

    /// A copy that outlives the handler call.
    public func copy(withHeaders: Bool = true) -> KafkaMessage {
        KafkaMessage(
            topic: topic, partition: partition, offset: offset, key: key.map { Array($0) },
            value: value.map { Array($0) }, headers: withHeaders ? headers : [],
            timestampMilliseconds: timestampMilliseconds)
    }

    public var position: TopicPartitionOffset {
        TopicPartitionOffset(topic: topic, partition: partition, offset: offset)
    }
}

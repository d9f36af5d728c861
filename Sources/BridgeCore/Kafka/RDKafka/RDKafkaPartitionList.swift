import CRdKafka

/// Owns one `rd_kafka_topic_partition_list_t` built from Swift values, destroyed in deinit. Used on
/// one thread for the duration of one call.
final class RDKafkaPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ positions: [TopicPartitionOffset]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(positions.count, 1)))
        for position in positions {
            let element = rd_kafka_topic_partition_list_add(pointer, position.topic, position.partition)
            element?.pointee.offset = position.offset
        }
    }

    convenience init(_ partitions: [TopicPartition], offset: Int64 = KafkaStartOffset.invalid) {
        self.init(partitions.map { TopicPartitionOffset($0, offset: offset) })
    }

    /// The elements of any librdkafka list (one we own or one a callback lent us).
    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [RDKafkaPartitionEntry] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            return RDKafkaPartitionEntry(
                position: TopicPartitionOffset(
                    topic: String(cString: element.topic), partition: element.partition, offset: element.offset),
                error: element.err)
        }
    }

    var entries: [RDKafkaPartitionEntry] { Self.read(pointer) }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }
}

/// One element of a partition list as Swift values, with librdkafka's per-partition error.
struct RDKafkaPartitionEntry {
    var position: TopicPartitionOffset
    var error: rd_kafka_resp_err_t

    var failed: Bool { error != RD_KAFKA_RESP_ERR_NO_ERROR }
    var errorText: String { RDKafkaErrorText.describe(error) }
}

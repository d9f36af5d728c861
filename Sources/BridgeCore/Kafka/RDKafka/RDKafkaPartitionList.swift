import CRdKafka
import Glibc

/// Owns one `rd_kafka_topic_partition_list_t` built from Swift values, destroyed in deinit. Used on
/// one thread for the duration of one call.
final class RDKafkaPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// With `metadata`, every element carries it (sent with an OffsetCommit; librdkafka frees it with
    /// the list, so it is a malloc'd copy).
    init(_ positions: [TopicPartitionOffset], metadata: String? = nil) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(positions.count, 1)))
        for position in positions {
            let element = rd_kafka_topic_partition_list_add(pointer, position.topic, position.partition)
            element?.pointee.offset = position.offset
            if let element, let metadata, !metadata.isEmpty {
                let bytes = Array(metadata.utf8)
                guard let copy = malloc(bytes.count) else { continue }
                bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
                element.pointee.metadata = copy
                element.pointee.metadata_size = bytes.count
            }
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
            var metadata: String?
            if let bytes = element.metadata, element.metadata_size > 0 {
                metadata = String(
                    decoding: UnsafeRawBufferPointer(start: bytes, count: element.metadata_size), as: UTF8.self)
            }
            return RDKafkaPartitionEntry(
                position: TopicPartitionOffset(
                    topic: String(cString: element.topic), partition: element.partition, offset: element.offset),
                error: element.err, metadata: metadata)
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
    /// The commit metadata OffsetFetch returned with a committed offset.
    var metadata: String? = nil

    var failed: Bool { error != RD_KAFKA_RESP_ERR_NO_ERROR }
    var errorText: String { RDKafkaErrorText.describe(error) }
}

import CRdKafka

/// Changes to a consumer's assignment that librdkafka has no single call for. Runs on the thread
/// that polls the consumer (inside a rebalance callback, or on the consumer's queue).
enum RDKafkaAssignmentEditor {
    /// Sets the start offset of each newly assigned partition to the group's committed offset, or to
    /// `initialOffset` (BEGINNING or END) where there is none. Then `auto.offset.reset=error` only
    /// ever fires for offsets that fell out of the log.
    static func resolveStartOffsets(
        _ rk: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, initialOffset: Int64,
        context: RDKafkaClientContext
    ) {
        let error = rd_kafka_committed(rk, list, 10_000)
        if error != RD_KAFKA_RESP_ERR_NO_ERROR {
            let reason = RDKafkaErrorText.describe(error)
            context.logger.warning(
                "Kafka could not read the group's committed offsets (\(reason)); using stored offsets")
        }
        guard let elements = list.pointee.elems else { return }
        for index in 0..<Int(list.pointee.cnt) where elements[index].offset < 0 {
            elements[index].offset =
                error == RD_KAFKA_RESP_ERR_NO_ERROR ? initialOffset : KafkaStartOffset.stored.librdkafkaValue
        }
    }

    /// Starts fetching `positions` again (partitions stopped by an offset error cannot be seeked).
    static func restart(
        _ handle: RDKafkaHandle, _ positions: [TopicPartitionOffset], initialOffset: Int64
    )
        throws(BridgeError)
    {
        let rk = handle.pointer
        let pending = handle.context.pendingPositions
        pending.requested(positions)
        let protocolName = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } ?? "NONE"
        if protocolName == "EAGER" {
            // An eager group only takes whole assignments: keep every other partition where it is.
            var current: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            guard rd_kafka_assignment(rk, &current) == RD_KAFKA_RESP_ERR_NO_ERROR, let current else {
                throw .failure("Could not read the consumer's assignment to restart \(positions.count) partition(s).")
            }
            defer { rd_kafka_topic_partition_list_destroy(current) }
            _ = rd_kafka_position(rk, current)
            // A partition not read since it was seeked or stopped has no position yet: it goes back
            // where it was asked to be (or stays stopped), and only others to their committed offset.
            var remembered: [TopicPartitionOffset] = []
            var unknown: [TopicPartitionOffset] = []
            for entry in RDKafkaPartitionList.read(current) where entry.position.offset < 0 {
                if let offset = pending.restartOffset(for: entry.position.topicPartition) {
                    remembered.append(TopicPartitionOffset(entry.position.topicPartition, offset: offset))
                } else {
                    unknown.append(entry.position)
                }
            }
            let committed = RDKafkaPartitionList(unknown)
            if !unknown.isEmpty {
                resolveStartOffsets(rk, committed.pointer, initialOffset: initialOffset, context: handle.context)
            }
            let resolved = Dictionary(
                (committed.entries.map(\.position) + remembered + positions).map { ($0.topicPartition, $0.offset) },
                uniquingKeysWith: { _, last in last })
            if let elements = current.pointee.elems {
                for index in 0..<Int(current.pointee.cnt) {
                    let key = TopicPartition(
                        topic: String(cString: elements[index].topic), partition: elements[index].partition)
                    if let offset = resolved[key] { elements[index].offset = offset }
                }
            }
            let error = rd_kafka_assign(rk, current)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw .failure(
                    "Could not restart \(positions.count) partition(s): \(RDKafkaErrorText.describe(error)).")
            }
            return
        }
        let list = RDKafkaPartitionList(positions)
        if let failure = rd_kafka_incremental_unassign(rk, list.pointer) {
            defer { rd_kafka_error_destroy(failure) }
            throw .failure(
                "Could not restart \(positions.count) partition(s): \(String(cString: rd_kafka_error_string(failure)))."
            )
        }
        if let failure = rd_kafka_incremental_assign(rk, list.pointer) {
            defer { rd_kafka_error_destroy(failure) }
            throw .failure(
                "Could not restart \(positions.count) partition(s): \(String(cString: rd_kafka_error_string(failure)))."
            )
        }
    }
}

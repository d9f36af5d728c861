import CRdKafka
import Logging

/// librdkafka's callbacks. C function pointers cannot capture context, so each one recovers its
/// client's `RDKafkaClientContext` from the opaque pointer (set on the configuration, kept alive by
/// the `RDKafkaHandle` for as long as the `rd_kafka_t` exists).
enum RDKafkaCallbacks {
    static func context(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaClientContext? {
        opaque.map { Unmanaged<RDKafkaClientContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Logs and errors, for every client.
    static func installCommon(_ conf: OpaquePointer) {
        // Logs may arrive on librdkafka's internal threads; swift-log's Logger is thread-safe.
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, text in
            guard let rk, let context = RDKafkaCallbacks.context(rd_kafka_opaque(rk)) else { return }
            let message = text.map { String(cString: $0) } ?? ""
            context.logger.log(
                level: RDKafkaCallbacks.logLevel(syslog: level), "\(message)",
                metadata: [
                    "kafka.facility": .string(facility.map { String(cString: $0) } ?? ""),
                    "kafka.client": .string(String(cString: rd_kafka_name(rk))),
                ])
        }
        // Served from rd_kafka_poll / rd_kafka_consumer_poll. Most errors are transient: librdkafka
        // retries, and the failures that matter reach the caller through delivery reports or polls.
        rd_kafka_conf_set_error_cb(conf) { rk, code, reason, opaque in
            guard let context = RDKafkaCallbacks.context(opaque) else { return }
            let text = reason.map { String(cString: $0) } ?? "unknown error"
            context.recordError(text)
            if code == RD_KAFKA_RESP_ERR__FATAL.rawValue, let rk {
                var buffer = [CChar](repeating: 0, count: 512)
                let underlying = rd_kafka_fatal_error(rk, &buffer, buffer.count)
                context.logger.error(
                    "Kafka client failed fatally: \(String(nulTerminated: buffer))",
                    metadata: ["kafka.error": .string(RDKafkaErrorText.name(underlying))])
            } else {
                context.logger.warning(
                    "Kafka: \(text)",
                    metadata: ["kafka.error": .string(RDKafkaErrorText.name(rd_kafka_resp_err_t(code)))])
            }
        }
    }

    /// syslog levels to swift-log. librdkafka's "errors" are mostly transient connection trouble it
    /// retries, so they are warnings here; the caller reports what actually failed.
    static func logLevel(syslog level: Int32) -> Logger.Level {
        switch level {
        case ...2: .critical
        case 3, 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }

    /// Delivery reports, for producers: each message carries a retained `DeliveryTicket`.
    static func installDeliveryReports(_ conf: OpaquePointer) {
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let message, let ticketPointer = message.pointee._private else { return }
            let ticket = Unmanaged<DeliveryTicket>.fromOpaque(ticketPointer).takeRetainedValue()
            let fields = message.pointee
            if fields.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                ticket.complete(
                    .success(DeliveryReport(topic: ticket.topic, partition: fields.partition, offset: fields.offset)))
            } else {
                ticket.complete(.failure(ticket.failure(fields.err, context: RDKafkaCallbacks.context(opaque))))
            }
        }
    }

    /// Rebalances, for group consumers: commit what the application stored before giving partitions
    /// up, so the next owner starts exactly after the last message this one finished.
    static func installRebalance(_ conf: OpaquePointer) {
        rd_kafka_conf_set_rebalance_cb(conf) { rk, error, partitions, opaque in
            guard let rk, let context = RDKafkaCallbacks.context(opaque) else { return }
            let list = RDKafkaPartitionList.read(partitions).map(\.position.topicPartition)
            let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } == "COOPERATIVE"
            context.pendingPositions.forget(cooperative ? list : nil)
            switch error {
            case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
                // Start where the group committed, else at the initial position (never by an offset reset).
                let start = rd_kafka_topic_partition_list_copy(partitions)
                defer { rd_kafka_topic_partition_list_destroy(start) }
                if let start {
                    RDKafkaAssignmentEditor.resolveStartOffsets(
                        rk, start, initialOffset: context.initialOffset, context: context)
                }
                if cooperative {
                    if let failure = rd_kafka_incremental_assign(rk, start) { rd_kafka_error_destroy(failure) }
                } else {
                    rd_kafka_assign(rk, start)
                }
                context.logger.info(
                    "Kafka group assigned \(list.count) partition(s)",
                    metadata: ["kafka.partitions": .string(list.map(\.description).joined(separator: ", "))])
                context.record(.assigned(list))
            case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
                context.revokeHook?(list)
                if rd_kafka_assignment_lost(rk) == 0 {
                    let committed = rd_kafka_commit(rk, nil, 0)
                    if committed != RD_KAFKA_RESP_ERR_NO_ERROR && committed != RD_KAFKA_RESP_ERR__NO_OFFSET {
                        context.logger.warning(
                            "Kafka commit before revoke failed: \(RDKafkaErrorText.describe(committed))")
                    }
                }
                if cooperative {
                    if let failure = rd_kafka_incremental_unassign(rk, partitions) { rd_kafka_error_destroy(failure) }
                } else {
                    rd_kafka_assign(rk, nil)
                }
                context.logger.info("Kafka group revoked \(list.count) partition(s)")
                context.record(.revoked(list))
            default:
                context.logger.error("Kafka rebalance failed: \(RDKafkaErrorText.describe(error))")
                rd_kafka_assign(rk, nil)
                context.record(.revoked(list))
            }
        }
    }
}

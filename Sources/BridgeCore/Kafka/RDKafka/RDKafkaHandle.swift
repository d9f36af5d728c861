import CRdKafka

/// Owns one `rd_kafka_t` and the context its callbacks use; `rd_kafka_destroy` runs in deinit.
///
/// `@unchecked Sendable`: librdkafka documents `rd_kafka_t` as thread-safe for every call this layer
/// makes on it (produce, poll, outq_len, metadata, commit, assign…), and the handle itself is
/// immutable. Owners arrange for the last reference to be dropped on a dedicated thread, because
/// destroying a client joins librdkafka's threads.
final class RDKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: RDKafkaClientContext
    let isConsumer: Bool

    init(
        consumer: Bool, configuration: RDKafkaConfiguration, context: RDKafkaClientContext,
        callbacks: (OpaquePointer) -> Void
    ) throws(BridgeError) {
        let conf = configuration.unsafePointer
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        RDKafkaCallbacks.installCommon(conf)
        callbacks(conf)
        var message = [CChar](repeating: 0, count: 512)
        guard
            let pointer = rd_kafka_new(
                consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, &message, message.count)
        else {
            throw .usage("Kafka client could not be created: \(String(nulTerminated: message)).")
        }
        configuration.handOver()
        self.pointer = pointer
        self.context = context
        self.isConsumer = consumer
    }

    var name: String { String(cString: rd_kafka_name(pointer)) }

    deinit {
        if isConsumer {
            // The owner closed the consumer (leaving the group) already, or chose not to.
            rd_kafka_destroy_flags(pointer, Int32(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE))
        } else {
            rd_kafka_destroy(pointer)
        }
    }
}

import CRdKafka
import Dispatch

/// Owns one `rd_kafka_t` and the context its callbacks use; deinit hands it to `rd_kafka_destroy`.
///
/// `@unchecked Sendable`: librdkafka documents `rd_kafka_t` as thread-safe for every call this layer
/// makes on it (produce, poll, outq_len, metadata, commit, assign…), and the handle itself is
/// immutable.
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
        // Destroying a client joins librdkafka's threads, so it never runs on the releasing thread
        // (which may belong to Swift's cooperative pool). The context outlives the destroy: callbacks
        // (logs) may still fire during it. A consumer is closed (leaving its group) by its owner.
        let doomed = DoomedClient(pointer: pointer, isConsumer: isConsumer)
        let context = self.context
        KafkaClientTeardown.pending.enter()
        DispatchQueue.global().async {
            doomed.destroy()
            withExtendedLifetime(context) {}
            KafkaClientTeardown.pending.leave()
        }
    }
}

/// An `rd_kafka_t` on its way to `rd_kafka_destroy`. `@unchecked Sendable`: it is handed from the
/// releasing thread to one background thread and used there once; nothing else holds the pointer.
private struct DoomedClient: @unchecked Sendable {
    let pointer: OpaquePointer
    let isConsumer: Bool

    func destroy() {
        if isConsumer {
            rd_kafka_destroy_flags(pointer, Int32(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE))
        } else {
            rd_kafka_destroy(pointer)
        }
    }
}

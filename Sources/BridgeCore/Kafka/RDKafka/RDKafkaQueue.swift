import CRdKafka

/// Owns one `rd_kafka_queue_t` reference (here: a consumer's queue), released in deinit.
/// Used only on its consumer's serial queue.
final class RDKafkaQueue {
    let pointer: OpaquePointer

    init?(consumerOf handle: RDKafkaHandle) {
        guard let pointer = rd_kafka_queue_get_consumer(handle.pointer) else { return nil }
        self.pointer = pointer
    }

    deinit {
        rd_kafka_queue_destroy(pointer)
    }
}

import CRdKafka

/// Owns one `rd_kafka_queue_t` reference (here: a consumer's queue), released in deinit. It keeps
/// its client alive, so the queue is always released before the client is destroyed. Used only on
/// its consumer's serial queue.
final class RDKafkaQueue {
    let pointer: OpaquePointer
    private let handle: RDKafkaHandle

    init?(consumerOf handle: RDKafkaHandle) {
        guard let pointer = rd_kafka_queue_get_consumer(handle.pointer) else { return nil }
        self.pointer = pointer
        self.handle = handle
    }

    deinit {
        rd_kafka_queue_destroy(pointer)
    }
}

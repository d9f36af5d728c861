import CRdKafka

/// Owns an `rd_kafka_conf_t` until `rd_kafka_new` takes it (which it does only on success).
/// Used by one thread while a client is being built, never shared.
final class RDKafkaConfiguration {
    private var pointer: OpaquePointer?

    init() {
        pointer = rd_kafka_conf_new()
    }

    /// Applies `properties` in order; the first one librdkafka refuses stops with a usage error naming it.
    convenience init(_ properties: [KafkaProperty]) throws(BridgeError) {
        self.init()
        for property in properties {
            try set(property.key, property.value)
        }
    }

    func set(_ key: String, _ value: String) throws(BridgeError) {
        guard let pointer else { preconditionFailure("configuration already handed to librdkafka") }
        var message = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(pointer, key, value, &message, message.count)
        guard result == RD_KAFKA_CONF_OK else {
            let reason = String(nulTerminated: message)
            throw .usage(
                "Kafka property '\(key)' was refused: \(reason); accepted: -X key=value with a librdkafka property (see CONFIGURATION.md of librdkafka)."
            )
        }
    }

    /// The raw pointer, for setting callbacks and the opaque before `rd_kafka_new`.
    var unsafePointer: OpaquePointer {
        guard let pointer else { preconditionFailure("configuration already handed to librdkafka") }
        return pointer
    }

    /// Called after `rd_kafka_new` succeeded: librdkafka owns the configuration now.
    func handOver() {
        pointer = nil
    }

    deinit {
        if let pointer { rd_kafka_conf_destroy(pointer) }
    }
}

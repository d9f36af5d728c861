import CRdKafka
import Synchronization

/// One produced message waiting for its delivery report. Passed to librdkafka retained, as the
/// message's opaque, and taken back in the delivery callback. Completes exactly once: by the
/// delivery report, a deadline, or a failed enqueue, whichever comes first.
final class DeliveryTicket: Sendable {
    typealias Completion = @Sendable (Result<DeliveryReport, BridgeError>) -> Void

    let topic: String
    let brokers: String
    private let completion: Mutex<Completion?>

    init(topic: String, brokers: String, completion: @escaping Completion) {
        self.topic = topic
        self.brokers = brokers
        self.completion = Mutex(completion)
    }

    func complete(_ result: Result<DeliveryReport, BridgeError>) {
        let pending = completion.withLock { completion in
            defer { completion = nil }
            return completion
        }
        pending?(result)
    }

    /// The operator's sentence for a failed delivery.
    func failure(_ error: rd_kafka_resp_err_t, context: RDKafkaClientContext?) -> BridgeError {
        let reason = RDKafkaErrorText.describe(error)
        let lastError = context?.lastErrorSuffix ?? ""
        switch error {
        case _ where RDKafkaErrorText.isUnreachable(error):
            return .unavailable(
                "Kafka at \(brokers) did not acknowledge the message to \(topic): \(reason)\(lastError); "
                    + "check that the broker is running and that --brokers or KAFKA_BOOTSTRAP_SERVERS points at it.")
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
            return .invalidData("The message to \(topic) is larger than Kafka at \(brokers) accepts: \(reason).")
        case RD_KAFKA_RESP_ERR__PURGE_QUEUE, RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
            return .failure("The producer was closed before Kafka acknowledged the message to \(topic).")
        default:
            return .failure("Kafka at \(brokers) refused the message to \(topic): \(reason).")
        }
    }

    func timedOut(after seconds: Double, context: RDKafkaClientContext) -> BridgeError {
        .unavailable(
            "Kafka at \(brokers) did not acknowledge the message to \(topic) within \(seconds.formattedSeconds) s"
                + "\(context.lastErrorSuffix); check that the broker is running and that --brokers or "
                + "KAFKA_BOOTSTRAP_SERVERS points at it.")
    }
}

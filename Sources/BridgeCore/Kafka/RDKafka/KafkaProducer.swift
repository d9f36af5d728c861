import CRdKafka
import Dispatch
import Foundation
import Logging

/// A Kafka producer (acks=all, idempotent). `send` returns when the broker acknowledged the message
/// or fails with a `BridgeError` saying why. While the broker is unreachable messages wait in a
/// bounded buffer (`bufferedCount`); past the bound `send` fails at once.
///
/// A dedicated thread polls the client, which serves delivery reports; nothing here blocks the
/// caller's thread. Dropping the producer fails what is still waiting (so no caller hangs).
public final class KafkaProducer: Sendable {
    public let brokers: String
    private let handle: RDKafkaHandle
    private let poller: ProducerPollThread
    private let flushQueue = DispatchQueue(label: "bridgectl.kafka.producer.flush")

    public init(settings: KafkaSettings, options: KafkaProducerOptions = .init(), logger: Logger) throws(BridgeError) {
        brokers = settings.brokers
        let configuration = try RDKafkaConfiguration(options.properties(for: settings))
        let context = RDKafkaClientContext(logger: logger, brokers: settings.brokers)
        handle = try RDKafkaHandle(consumer: false, configuration: configuration, context: context) { conf in
            RDKafkaCallbacks.installDeliveryReports(conf)
        }
        poller = ProducerPollThread(handle: handle)
    }

    deinit {
        poller.stop()
    }

    /// Messages produced but not yet acknowledged (queued, in flight, or waiting for their report).
    public var bufferedCount: Int {
        Int(rd_kafka_outq_len(handle.pointer))
    }

    /// The last error the client reported (a refused connection, a broker going away), if any.
    public var lastError: String? { handle.context.lastError }

    /// Produces `record` and returns the broker's acknowledgement. With a `timeout`, fails with
    /// `.unavailable` if no acknowledgement came within it (set `deliveryTimeoutMilliseconds` to the
    /// same value so librdkafka also stops retrying).
    public func send(_ record: KafkaRecord, timeout: Duration? = nil) async throws(BridgeError) -> DeliveryReport {
        let result: Result<DeliveryReport, BridgeError> = await withCheckedContinuation { continuation in
            do throws(BridgeError) {
                let ticket = try enqueueTicket(record) { continuation.resume(returning: $0) }
                if let timeout {
                    let context = handle.context
                    DispatchQueue.global().asyncAfter(deadline: .now() + timeout.seconds) {
                        ticket.complete(.failure(ticket.timedOut(after: timeout.seconds, context: context)))
                    }
                }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Produces `record` without waiting; `completion` runs once with the outcome, on the poll thread.
    /// Throws at once if the message cannot even be queued (buffer full, client failed).
    public func enqueue(
        _ record: KafkaRecord, completion: @escaping @Sendable (Result<DeliveryReport, BridgeError>) -> Void
    ) throws(BridgeError) {
        _ = try enqueueTicket(record, completion: completion)
    }

    /// Waits (on a dedicated queue) until every buffered message is acknowledged or failed, or the
    /// timeout passes; returns whether the buffer is empty.
    public func flush(timeout: Duration) async -> Bool {
        let handle = self.handle
        return await withCheckedContinuation { continuation in
            flushQueue.async {
                let result = rd_kafka_flush(handle.pointer, Int32(clamping: timeout.milliseconds))
                continuation.resume(returning: result == RD_KAFKA_RESP_ERR_NO_ERROR)
            }
        }
    }

    /// Reads the cluster's metadata through this producer (on the flush queue: it blocks), so that its
    /// first message to an existing topic does not wait for librdkafka's topic scan (~1 s).
    public func loadMetadata(timeout: Duration = .seconds(10)) async throws(BridgeError) -> KafkaClusterMetadata {
        let handle = self.handle
        let result: Result<KafkaClusterMetadata, BridgeError> = await withCheckedContinuation { continuation in
            flushQueue.async {
                do throws(BridgeError) {
                    continuation.resume(
                        returning: .success(
                            try RDKafkaMetadataReader.read(
                                handle, timeoutMilliseconds: Int32(clamping: timeout.milliseconds))))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private func enqueueTicket(
        _ record: KafkaRecord, completion: @escaping DeliveryTicket.Completion
    ) throws(BridgeError) -> DeliveryTicket {
        let ticket = DeliveryTicket(topic: record.topic, brokers: brokers, completion: completion)
        let opaque = Unmanaged.passRetained(ticket).toOpaque()
        var headers: OpaquePointer?
        if !record.headers.isEmpty {
            let list = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(list, header.name, -1, bytes.baseAddress, bytes.count)
                    }
                } else {
                    _ = rd_kafka_header_add(list, header.name, -1, nil, 0)
                }
            }
            headers = list
        }
        let error = Self.withBytes(record.value) { value, valueLength in
            Self.withBytes(record.key) { key, keyLength in
                crdkafka_produce(
                    handle.pointer, record.topic, record.partition ?? RD_KAFKA_PARTITION_UA, value, valueLength,
                    key, keyLength, headers, opaque)
            }
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            Unmanaged<DeliveryTicket>.fromOpaque(opaque).release()
            if let headers { rd_kafka_headers_destroy(headers) }
            throw enqueueFailure(error, topic: record.topic)
        }
        return ticket
    }

    private func enqueueFailure(_ error: rd_kafka_resp_err_t, topic: String) -> BridgeError {
        let context = handle.context
        switch error {
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return .unavailable(
                "The producer's buffer is full (\(bufferedCount) messages are waiting for Kafka at \(brokers))"
                    + "\(context.lastErrorSuffix); the broker is unreachable or too slow.")
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
            return .invalidData(
                "The message to \(topic) is larger than the producer's message.max.bytes allows; raise it with -X.")
        default:
            return .failure(
                "The message to \(topic) could not be queued: \(RDKafkaErrorText.describe(error))"
                    + "\(context.lastErrorSuffix).")
        }
    }

    /// A message's bytes as librdkafka wants them: NULL for a null value, a non-NULL pointer for an
    /// empty one (Kafka tells the two apart).
    private static func withBytes<R>(
        _ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> R
    ) -> R {
        guard let bytes else { return body(nil, 0) }
        if bytes.isEmpty {
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) { body(UnsafeRawPointer($0), 0) }
        }
        return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
    }
}

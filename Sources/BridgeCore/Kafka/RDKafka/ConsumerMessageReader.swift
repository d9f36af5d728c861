import CRdKafka

/// Reads a consumer's queue (by polls, or by serving it in batches) and turns what it holds into
/// `KafkaConsumerEvent`s, or hands messages over in place as `KafkaMessageView`s.
///
/// `@unchecked Sendable`: it is only ever used on its consumer's serial queue (its topic-name cache
/// is mutable state of that queue).
final class ConsumerMessageReader: @unchecked Sendable {
    private let handle: RDKafkaHandle
    var handlePointer: OpaquePointer { handle.pointer }
    private let options: KafkaConsumerOptions
    private var topicNames: [OpaquePointer: String] = [:]
    private var lastTopic: (pointer: OpaquePointer, name: String)?
    private let consumerQueue: RDKafkaQueue?

    init(handle: RDKafkaHandle, options: KafkaConsumerOptions) {
        self.handle = handle
        self.options = options
        consumerQueue = options.groupID == nil ? RDKafkaQueue(consumerOf: handle) : nil
    }

    func pollBatch(maxEvents: Int, timeoutMilliseconds: Int32) throws(BridgeError) -> [KafkaConsumerEvent] {
        var events: [KafkaConsumerEvent] = []
        var wait = timeoutMilliseconds
        while events.count < maxEvents {
            let message = rd_kafka_consumer_poll(handle.pointer, wait)
            events += handle.context.takePendingEvents()
            guard let message else { break }
            wait = 0
            defer { rd_kafka_message_destroy(message) }
            if let event = try event(from: message) { events.append(event) }
        }
        return events
    }

    /// Serves what is queued in one go, handing every event to `handler` (the way kcat reads): the
    /// queue is emptied under one lock instead of one lock per message, which matters when the
    /// fetcher and this thread contend for it. Only for consumers that are not group members, whose
    /// queue carries no rebalance operations. Returns false when the handler asked to stop.
    func serveEach(
        timeoutMilliseconds: Int32, stop: KafkaStopFlag, viewer: ((KafkaMessageView) -> Bool)?,
        _ handler: (KafkaConsumerEvent) -> Bool
    ) throws(BridgeError) -> Bool {
        guard let queue = consumerQueue else {
            return try pollEach(timeoutMilliseconds: timeoutMilliseconds, stop: stop, viewer: viewer, handler)
        }
        return try withoutActuallyEscaping(handler) { handler throws(BridgeError) in
            let dispatch = CallbackDispatch(reader: self, viewer: viewer, handler: handler)
            for pending in handle.context.takePendingEvents() where !handler(pending) { return false }
            _ = rd_kafka_consume_callback_queue(
                queue.pointer, timeoutMilliseconds,
                { message, opaque in
                    guard let message, let opaque else { return }
                    Unmanaged<CallbackDispatch>.fromOpaque(opaque).takeUnretainedValue().deliver(message)
                }, Unmanaged.passUnretained(dispatch).toOpaque())
            if let failure = dispatch.failure { throw failure }
            return !dispatch.stopped && !stop.isStopped
        }
    }

    /// One poll; every resulting event goes to `handler`. Returns false when the handler asked to stop.
    func pollEach(
        timeoutMilliseconds: Int32, stop: KafkaStopFlag, viewer: ((KafkaMessageView) -> Bool)? = nil,
        _ handler: (KafkaConsumerEvent) -> Bool
    ) throws(BridgeError) -> Bool {
        var wait = timeoutMilliseconds
        // Drain what is ready without waiting, then return so the caller can look at `stop`.
        while !stop.isStopped {
            let message = rd_kafka_consumer_poll(handle.pointer, wait)
            for pending in handle.context.takePendingEvents() where !handler(pending) { return false }
            guard let message else { return true }
            wait = 0
            defer { rd_kafka_message_destroy(message) }
            var viewerStopped = false
            let event = try event(from: message, viewer: viewer, viewerStopped: &viewerStopped)
            if viewerStopped { return false }
            if let event, !handler(event) { return false }
        }
        return true
    }

    /// A message for `viewer` (read in place) when given, else the event it is.
    fileprivate func event(
        from message: UnsafeMutablePointer<rd_kafka_message_t>, viewer: ((KafkaMessageView) -> Bool)? = nil,
        viewerStopped: inout Bool
    ) throws(BridgeError) -> KafkaConsumerEvent? {
        let fields = message.pointee
        let topic = topicName(fields.rkt)
        if fields.err == RD_KAFKA_RESP_ERR_NO_ERROR, let viewer {
            viewerStopped = !viewer(KafkaMessageView(message, topic: topic))
            return nil
        }
        return try event(from: message, topic: topic)
    }

    private func event(
        from message: UnsafeMutablePointer<rd_kafka_message_t>
    ) throws(BridgeError)
        -> KafkaConsumerEvent?
    {
        try event(from: message, topic: topicName(message.pointee.rkt))
    }

    private func event(
        from message: UnsafeMutablePointer<rd_kafka_message_t>, topic: String
    ) throws(BridgeError)
        -> KafkaConsumerEvent?
    {
        let fields = message.pointee
        switch fields.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return .message(copy(message, topic: topic))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .endOfPartition(
                TopicPartitionOffset(topic: topic, partition: fields.partition, offset: fields.offset))
        case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
            let position = TopicPartitionOffset(topic: topic, partition: fields.partition, offset: fields.offset)
            guard KafkaStartOffset.isReal(fields.offset) else {
                // The group has no committed offset here yet: start where the options say.
                startAtInitialPosition(position.topicPartition)
                return nil
            }
            guard handle.context.pendingPositions.stop(at: position) else { return nil }
            let detail = String(cString: rd_kafka_message_errstr(message))
            handle.context.logger.error(
                "Kafka offset out of range: \(position.topicPartition) has no offset \(position.offset) (dropped by retention, or past the end)",
                metadata: ["kafka.topic": .string(topic), "kafka.partition": .stringConvertible(fields.partition)])
            return .offsetOutOfRange(position, detail: detail)
        default:
            let text = String(cString: rd_kafka_message_errstr(message))
            var reason = [CChar](repeating: 0, count: 512)
            let fatal = rd_kafka_fatal_error(handle.pointer, &reason, reason.count)
            if fatal != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw .failure("The Kafka consumer failed: \(String(nulTerminated: reason)).")
            }
            let partition = fields.rkt == nil ? nil : TopicPartition(topic: topic, partition: fields.partition)
            return .error(KafkaClientError(code: fields.err.rawValue, message: text, topicPartition: partition))
        }
    }

    private func startAtInitialPosition(_ partition: TopicPartition) {
        let initial = options.initialPosition.startOffset.librdkafkaValue
        do {
            try RDKafkaAssignmentEditor.restart(
                handle, [TopicPartitionOffset(partition, offset: initial)], initialOffset: initial)
        } catch {
            handle.context.logger.warning(
                "Kafka could not start \(partition) at its \(options.initialPosition.rawValue): \(error.message)")
        }
    }

    private func topicName(_ topic: OpaquePointer?) -> String {
        guard let topic else { return "" }
        if topic == lastTopic?.pointer, let name = lastTopic?.name { return name }
        if let name = topicNames[topic] {
            lastTopic = (topic, name)
            return name
        }
        let name = String(cString: rd_kafka_topic_name(topic))
        topicNames[topic] = name
        return name
    }

    private func copy(_ message: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) -> KafkaMessage {
        KafkaMessageView(message, topic: topic).copy(withHeaders: options.readHeaders)
    }
}

/// Carries one serve call's handler through librdkafka's C callback (via the opaque pointer), and
/// what happened in it back out. Lives on the consumer's queue for the duration of that call.
private final class CallbackDispatch {
    let reader: ConsumerMessageReader
    let viewer: ((KafkaMessageView) -> Bool)?
    let handler: (KafkaConsumerEvent) -> Bool
    var stopped = false
    var failure: BridgeError?

    init(
        reader: ConsumerMessageReader, viewer: ((KafkaMessageView) -> Bool)?,
        handler: @escaping (KafkaConsumerEvent) -> Bool
    ) {
        self.reader = reader
        self.viewer = viewer
        self.handler = handler
    }

    func deliver(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        guard !stopped else { return }
        do {
            var viewerStopped = false
            let event = try reader.event(from: message, viewer: viewer, viewerStopped: &viewerStopped)
            if viewerStopped || (event.map { !handler($0) } ?? false) { stop() }
        } catch {
            failure = error
            stop()
        }
    }

    /// Ends the serve call after this message; the rest stays queued.
    private func stop() {
        stopped = true
        rd_kafka_yield(reader.handlePointer)
    }
}

import CRdKafka
import Dispatch
import Logging
import Synchronization

/// A Kafka consumer: a group member with manual commits (`subscribe`, `store`, `commit`), or a plain
/// reader of chosen partitions (`assign`). Offsets that fell out of the log come back as
/// `.offsetOutOfRange` events and nothing is reset behind the application's back; a group's first
/// start in a partition uses `options.initialPosition`.
///
/// Every blocking librdkafka call runs on the consumer's own serial queue, never on Swift's
/// cooperative pool. Rebalance callbacks run there too (inside polls): they commit the stored
/// offsets before partitions are revoked. Call `close()` to leave the group cleanly.
public final class KafkaConsumer: Sendable {
    public let brokers: String
    public let options: KafkaConsumerOptions
    private let handle: RDKafkaHandle
    private let queue = DispatchQueue(label: "bridgectl.kafka.consumer")
    private let reader: ConsumerMessageReader
    private let closed = Atomic<Bool>(false)

    /// `onRevoke` runs on the consumer's queue when the group takes partitions away, before their
    /// stored offsets are committed: the moment to store the offsets of work just finished.
    public init(
        settings: KafkaSettings, options: KafkaConsumerOptions = .init(), logger: Logger,
        onRevoke: (@Sendable ([TopicPartition]) -> Void)? = nil
    ) throws(BridgeError) {
        brokers = settings.brokers
        self.options = options
        let configuration = try RDKafkaConfiguration(options.properties(for: settings))
        let context = RDKafkaClientContext(
            logger: logger, brokers: settings.brokers, revokeHook: onRevoke,
            initialOffset: options.initialPosition.startOffset.librdkafkaValue)
        let grouped = options.groupID != nil
        handle = try RDKafkaHandle(consumer: true, configuration: configuration, context: context) { conf in
            if grouped { RDKafkaCallbacks.installRebalance(conf) }
        }
        // Errors and logs queued for the application are served by consumer polls.
        rd_kafka_poll_set_consumer(handle.pointer)
        reader = ConsumerMessageReader(handle: handle, options: options)
    }

    // MARK: membership

    /// Joins the group (`options.groupID` is required) and reads `topics`.
    public func subscribe(_ topics: [String]) throws(BridgeError) {
        guard let group = options.groupID else {
            throw .usage("Subscribing needs a consumer group; give one (e.g. --group NAME).")
        }
        let list = RDKafkaPartitionList(topics.map { TopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) })
        let error = rd_kafka_subscribe(handle.pointer, list.pointer)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .failure(
                "Could not join group \(group) for \(topics.joined(separator: ", ")): \(RDKafkaErrorText.describe(error))."
            )
        }
    }

    /// Reads exactly these partitions from these positions (offsets may be logical, see
    /// `KafkaStartOffset.librdkafkaValue`); reported as an `.assigned` event.
    public func assign(_ positions: [TopicPartitionOffset]) throws(BridgeError) {
        let list = RDKafkaPartitionList(positions)
        let error = rd_kafka_assign(handle.pointer, list.pointer)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .failure("Could not assign \(positions.count) partition(s): \(RDKafkaErrorText.describe(error)).")
        }
        handle.context.record(.assigned(positions.map(\.topicPartition)))
    }

    /// Moves the read position of assigned partitions, including ones stopped by
    /// `.offsetOutOfRange` (which librdkafka cannot seek: they are assigned again at the offset).
    public func seek(_ positions: [TopicPartitionOffset], timeout: Duration = .seconds(5)) async throws(BridgeError) {
        let handle = self.handle
        let initialOffset = options.initialPosition.startOffset.librdkafkaValue
        try await onQueue { () throws(BridgeError) in
            handle.context.pendingPositions.requested(positions)
            let list = RDKafkaPartitionList(positions)
            if let error = rd_kafka_seek_partitions(handle.pointer, list.pointer, Int32(clamping: timeout.milliseconds))
            {
                defer { rd_kafka_error_destroy(error) }
                // librdkafka 2.0.2 once gave up on a queued seek well inside the timeout ("Timed out
                // waiting for 1 remaining partition seek(s)", after 0.8 s of a 5 s timeout, in a CI
                // run). Starting the partitions again at the wanted offsets does what the seek was for.
                if rd_kafka_error_code(error) == RD_KAFKA_RESP_ERR__TIMED_OUT {
                    try RDKafkaAssignmentEditor.restart(handle, positions, initialOffset: initialOffset)
                    return
                }
                throw .failure("Could not seek: \(String(cString: rd_kafka_error_string(error))).")
            }
            let stopped = list.entries.filter { $0.error == RD_KAFKA_RESP_ERR__STATE }.map(\.position)
            if !stopped.isEmpty {
                try RDKafkaAssignmentEditor.restart(handle, stopped, initialOffset: initialOffset)
            }
            if let failed = list.entries.first(where: { $0.failed && $0.error != RD_KAFKA_RESP_ERR__STATE }) {
                throw .failure("Could not seek \(failed.position.topicPartition): \(failed.errorText).")
            }
        }
    }

    /// The partitions currently assigned to this consumer.
    public var assignment: [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        guard rd_kafka_assignment(handle.pointer, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return RDKafkaPartitionList.read(list).map(\.position.topicPartition).sorted()
    }

    // MARK: reading

    /// Waits up to `timeout` for the first event, then takes whatever else is ready, up to
    /// `maxEvents`. Throws only when the client failed fatally.
    public func poll(maxEvents: Int = 500, timeout: Duration) async throws(BridgeError) -> [KafkaConsumerEvent] {
        let reader = self.reader
        return try await onQueue { () throws(BridgeError) in
            try reader.pollBatch(maxEvents: maxEvents, timeoutMilliseconds: Int32(clamping: timeout.milliseconds))
        }
    }

    /// Runs a read loop on the consumer's queue, handing every event to `handler` there, until the
    /// handler returns false or `stop` is set. For readers that print or count and need no
    /// suspension per message (`consume topic`). With `viewer`, messages go to it instead, read in
    /// place without copying (the fastest way to print them).
    public func consumeLoop(
        stop: KafkaStopFlag, pollTimeout: Duration = .milliseconds(100),
        viewer: (@Sendable (KafkaMessageView) -> Bool)? = nil,
        handler: @escaping @Sendable (KafkaConsumerEvent) -> Bool
    ) async throws(BridgeError) {
        let reader = self.reader
        let wait = Int32(clamping: pollTimeout.milliseconds)
        try await onQueue { () throws(BridgeError) in
            while !stop.isStopped {
                guard try reader.serveEach(timeoutMilliseconds: wait, stop: stop, viewer: viewer, handler) else {
                    return
                }
            }
        }
    }

    // MARK: offsets

    /// Marks these messages as done: their next offsets are committed by the next `commit()` (and
    /// before a rebalance takes their partitions away).
    public func store(_ positions: [TopicPartitionOffset]) throws(BridgeError) {
        let list = RDKafkaPartitionList(
            positions.map { TopicPartitionOffset($0.topicPartition, offset: $0.offset + 1) })
        let error = rd_kafka_offsets_store(handle.pointer, list.pointer)
        if let failed = list.entries.first(where: \.failed) {
            throw .failure("Could not store the offset of \(failed.position.topicPartition): \(failed.errorText).")
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .failure("Could not store offsets: \(RDKafkaErrorText.describe(error)).")
        }
    }

    public func store(_ message: KafkaMessage) throws(BridgeError) {
        try store([message.position])
    }

    /// Commits synchronously: the given next-offsets, or (nil) everything stored for the current
    /// assignment. Nothing stored is not an error. `metadata` travels with explicit offsets (the
    /// registry puts its id there, so `inspect kafka` can tell who committed each partition).
    public func commit(_ nextOffsets: [TopicPartitionOffset]? = nil, metadata: String? = nil) async throws(BridgeError)
    {
        let handle = self.handle
        let group = options.groupID ?? "(none)"
        try await onQueue { () throws(BridgeError) in
            let list = nextOffsets.map { RDKafkaPartitionList($0, metadata: metadata) }
            let error = rd_kafka_commit(handle.pointer, list?.pointer, 0)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
                let reason = RDKafkaErrorText.describe(error)
                let status: ExitStatus = RDKafkaErrorText.isUnreachable(error) ? .unavailable : .failure
                throw BridgeError(
                    status, "Could not commit offsets of group \(group): \(reason)\(handle.context.lastErrorSuffix).")
            }
            if let failed = list?.entries.first(where: \.failed) {
                throw .failure(
                    "Could not commit \(failed.position.topicPartition) for group \(group): \(failed.errorText).")
            }
        }
    }

    /// The group's committed next-offsets for `partitions` (`KafkaStartOffset.invalid` where none),
    /// asked of the group coordinator without joining the group.
    public func committed(
        _ partitions: [TopicPartition], timeout: Duration = .seconds(10)
    ) async throws(BridgeError)
        -> [TopicPartitionOffset]
    {
        try await committedWithMetadata(partitions, timeout: timeout).map(\.position)
    }

    /// `committed` with the metadata each commit carried (empty when none).
    public func committedWithMetadata(
        _ partitions: [TopicPartition], timeout: Duration = .seconds(10)
    ) async throws(BridgeError)
        -> [CommittedOffset]
    {
        guard let group = options.groupID else {
            throw .usage("Committed offsets belong to a consumer group; give one (e.g. --group NAME).")
        }
        let handle = self.handle
        return try await onQueue { () throws(BridgeError) in
            let list = RDKafkaPartitionList(partitions)
            let error = rd_kafka_committed(handle.pointer, list.pointer, Int32(clamping: timeout.milliseconds))
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                let status: ExitStatus = RDKafkaErrorText.isUnreachable(error) ? .unavailable : .failure
                throw BridgeError(
                    status,
                    "Could not read the committed offsets of group \(group) from Kafka at \(handle.context.brokers): "
                        + "\(RDKafkaErrorText.describe(error))\(handle.context.lastErrorSuffix).")
            }
            return list.entries.map { CommittedOffset(position: $0.position, metadata: $0.metadata ?? "") }
        }
    }

    /// Low and high watermarks of each partition, asked of the partition leaders; `timeout` bounds
    /// the whole call.
    public func watermarks(
        _ partitions: [TopicPartition], timeout: Duration = .seconds(10)
    ) async throws(BridgeError)
        -> [PartitionWatermarks]
    {
        let handle = self.handle
        return try await onQueue { () throws(BridgeError) in
            var result: [PartitionWatermarks] = []
            // One request per partition, all within `timeout` together.
            let deadline = ContinuousClock.now + timeout
            for partition in partitions {
                var low: Int64 = 0
                var high: Int64 = 0
                let left = max(1, ContinuousClock.now.duration(to: deadline).milliseconds)
                let error = rd_kafka_query_watermark_offsets(
                    handle.pointer, partition.topic, partition.partition, &low, &high, Int32(clamping: left))
                guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    let status: ExitStatus = RDKafkaErrorText.isUnreachable(error) ? .unavailable : .failure
                    throw BridgeError(
                        status,
                        "Could not read the end offsets of \(partition) from Kafka at \(handle.context.brokers): "
                            + "\(RDKafkaErrorText.describe(error))\(handle.context.lastErrorSuffix).")
                }
                result.append(PartitionWatermarks(topicPartition: partition, low: low, high: high))
            }
            return result
        }
    }

    /// The watermarks this consumer last learned from its fetches, without asking the brokers (nil
    /// for a partition not fetched yet). Never blocks: for lag measured often.
    public func cachedWatermarks(_ partitions: [TopicPartition]) -> [PartitionWatermarks] {
        partitions.compactMap { partition in
            var low: Int64 = -1
            var high: Int64 = -1
            let error = rd_kafka_get_watermark_offsets(
                handle.pointer, partition.topic, partition.partition, &low, &high)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
            return PartitionWatermarks(topicPartition: partition, low: max(0, low), high: high)
        }
    }

    /// The cluster's brokers and topics (all of them, without creating any).
    public func metadata(timeout: Duration = .seconds(10)) async throws(BridgeError) -> KafkaClusterMetadata {
        let handle = self.handle
        return try await onQueue { () throws(BridgeError) in
            try RDKafkaMetadataReader.read(handle, timeoutMilliseconds: Int32(clamping: timeout.milliseconds))
        }
    }

    /// Leaves the group (committing stored offsets through the revoke callback) and stops reading.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let handle = self.handle
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                let error = rd_kafka_consumer_close(handle.pointer)
                if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                    handle.context.logger.warning(
                        "Kafka consumer did not close cleanly: \(RDKafkaErrorText.describe(error))")
                }
                continuation.resume()
            }
        }
    }

    private func onQueue<T: Sendable>(
        _ body: @escaping @Sendable () throws(BridgeError) -> T
    ) async throws(BridgeError) -> T {
        let result: Result<T, BridgeError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(BridgeError) in try body() })
            }
        }
        return try result.get()
    }
}

extension KafkaConsumer {
    /// The members of `group` and their assignments, or why the cluster cannot say.
    public func describeGroup(
        _ group: String, timeout: Duration = .seconds(5)
    ) async -> Result<
        [ConsumerGroupMember], BridgeError
    > {
        let handle = self.handle
        do {
            return .success(
                try await onQueue { () throws(BridgeError) in
                    try RDKafkaGroupDescriber.describe(
                        handle, group: group, timeoutMilliseconds: Int32(clamping: timeout.milliseconds)
                    ).get()
                })
        } catch {
            return .failure(error)
        }
    }

    /// Commits the stored offsets without waiting for the answer; for loops running on the
    /// consumer's queue (a failure is logged by the next synchronous commit or the revoke).
    public func commitInBackground() {
        _ = rd_kafka_commit(handle.pointer, nil, 1)
    }
}

import BridgeEvents
import Logging

/// Several registries in one consumer group (DESIGN.md §4, guarantees 9–10): each judges only the
/// nodes whose partitions it is assigned, takes over a partition with what PostgreSQL holds (the
/// previous owner committed only what was durable there), and refuses node ids another environment
/// registered after this registry started.
extension RegistryPipeline {
    /// Whether this registry judges the node now (stale, evict, Consul drift, unanswered requests).
    func owns(_ id: String) -> Bool {
        ownership.owns(id, lastHeardPartition: states[id]?.lastPartition)
    }

    /// Partitions newly assigned: their nodes' silence starts counting now, and what the registry
    /// knows of every node is refreshed from PostgreSQL (another registry may have written them since).
    func adoptPartitions(_ partitions: [TopicPartition]) async {
        let heartbeatPartitions = partitions.filter { $0.topic == configuration.topics.heartbeat }.map(\.partition)
        ownership.assign(heartbeatPartitions, at: now)
        if ownership.partitionCount == nil { await learnPartitionCount() }
        await reloadKnownNodes()
        // Consul drift of the new nodes is looked at soon, not a sync interval later.
        nextConsulSyncAt = min(nextConsulSyncAt, now + 1)
    }

    /// The heartbeat topic's partition count, for the partition of nodes not heard since start.
    func learnPartitionCount() async {
        guard let consumer, let metadata = try? await consumer.metadata(timeout: .seconds(2)),
            let topic = metadata.topics.first(where: { $0.name == configuration.topics.heartbeat })
        else { return }
        ownership.partitionCount = Int32(topic.partitions.count)
    }

    /// Retention dropped messages the group never read: loud, then go on from what is left
    /// (`RetentionRecovery` decides where, so that a log still being trimmed cannot keep us out).
    func resumeAfterRetentionLoss(_ position: TopicPartitionOffset, detail: String, consumer: KafkaConsumer) async {
        let partition = position.topicPartition
        var offset = KafkaStartOffset.beginning.librdkafkaValue
        var metadata: Logger.Metadata = [
            "partition": "\(partition)", "error": "\(detail)", "resume.offset": "log start",
        ]
        do throws(BridgeError) {
            let marks =
                try await consumer.watermarks([partition], timeout: .seconds(5)).first
                ?? PartitionWatermarks(topicPartition: partition, low: 0, high: 0)
            offset = retentionRecovery.restartOffset(for: partition, low: marks.low, high: marks.high)
            metadata["messages.lost"] = "\(position.offset >= 0 ? max(0, offset - position.offset) : 0)"
            metadata["resume.offset"] = "\(offset)"
            metadata["log.start"] = "\(marks.low)"
            metadata["log.end"] = "\(marks.high)"
        } catch {
            // Kafka did not answer: the log's start, resolved by librdkafka once it does.
        }
        logger.error("committed offset no longer in the log; messages were lost to retention", metadata: metadata)
        do throws(BridgeError) {
            try await consumer.seek([TopicPartitionOffset(partition, offset: offset)])
        } catch {
            logger.error(
                "could not resume a partition after a retention loss",
                metadata: ["partition": "\(partition)", "error": "\(error.message)"])
        }
    }

    func releasePartitions(_ partitions: [TopicPartition]) {
        let heartbeatPartitions = partitions.filter { $0.topic == configuration.topics.heartbeat }.map(\.partition)
        ownership.revoke(heartbeatPartitions)
        for partition in partitions { retentionRecovery.read(partition) }
        markedStale = markedStale.filter(owns)
    }

    /// Replaces what the registry believes of each node with PostgreSQL's row where the row is newer,
    /// except for nodes with writes of this registry still on their way (backlog, pending Consul work).
    func reloadKnownNodes() async {
        guard let store else { return }
        let records: [NodeRegistrationRecord]
        do throws(BridgeError) {
            records = try await store.list(NodeRegistrationFilter(includeDeregistered: true))
        } catch {
            markDown(.postgres, error.message)
            return
        }
        let now = self.now
        var refreshed = 0
        for record in records where !backlog.holds(record.nodeID) && !pendingConsul.contains(record.nodeID) {
            let loaded = RegistryNodeState(record: record, options: configuration.options, now: now)
            guard let known = states[record.nodeID] else {
                states[record.nodeID] = loaded
                refreshed += 1
                continue
            }
            // Only a newer lifecycle event than this registry saw (another registry wrote it) replaces it.
            guard Self.isNewerLifecycle(loaded.generation, than: known.generation) else { continue }
            var next = loaded
            next.generation.lastHeartbeatAt = [known.generation.lastHeartbeatAt, loaded.generation.lastHeartbeatAt]
                .compactMap { $0 }.max()
            next.lastHeardAt = max(known.lastHeardAt, loaded.lastHeardAt)
            next.lastPartition = known.lastPartition
            next.registration = known.registration == loaded.desiredRegistration ? known.registration : nil
            next.lastTTLPassAt = next.registration == nil ? nil : known.lastTTLPassAt
            states[record.nodeID] = next
            refreshed += 1
        }
        if refreshed > 0 {
            logger.info("known nodes refreshed from postgresql", metadata: ["nodes": "\(refreshed)"])
        }
    }

    static func isNewerLifecycle(_ candidate: NodeGeneration, than known: NodeGeneration) -> Bool {
        if let new = candidate.epoch, let old = known.epoch, new != old { return new > old }
        guard let new = candidate.lastLifecycleAt else { return false }
        guard let old = known.lastLifecycleAt else { return true }
        return new > old
    }

    /// Node ids this registry has never seen may have been registered by a registry of another
    /// environment since it started: looked up in PostgreSQL so that the planner refuses them (§4.10).
    /// Without PostgreSQL the row's own environment guard still keeps the other environment's row.
    func lookUpUnknownNodes(_ events: [ConsumedEvent]) async {
        guard let store else { return }
        let environment = configuration.options.environment
        var unknown: Set<String> = []
        for event in events where event.envelope.environment == environment {
            if let id = event.envelope.payload.nodeID, states[id] == nil { unknown.insert(id) }
        }
        guard !unknown.isEmpty, health.withLock({ $0.dependencies[.postgres]?.up != false }) else { return }
        guard
            let records = try? await store.list(
                NodeRegistrationFilter(includeDeregistered: true, nodeIDs: unknown.sorted()))
        else { return }
        let now = self.now
        for record in records where record.environment != environment {
            states[record.nodeID] = RegistryNodeState(record: record, options: configuration.options, now: now)
        }
    }
}

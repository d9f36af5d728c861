import BridgeEvents
import Logging
import ServiceLifecycle

/// The registry's work loop (DESIGN.md §4): consume a batch, refuse what breaks the contract (DLQ),
/// plan under the generation rule, apply to Consul, then PostgreSQL, and only then commit the batch's
/// offsets. Consul unreachable: rows are written `pending_register`/`pending_deregister` and the
/// reconciler finishes them. PostgreSQL unreachable: Consul keeps being served, the rows wait in a
/// per-node backlog and nothing is committed until they are durable. Between batches: its own
/// heartbeat, lag, the reconciler, Consul drift repair, liveness (stale, eviction, self-preservation)
/// and the end of the re-announce window. One task runs it; `RegistryService` owns it.
final class RegistryPipeline {
    let configuration: RegistryRunConfiguration
    let metrics: RegistryMetrics
    let health: RegistryHealthBoard
    let logger: Logger
    let announcement: RegistrySelfAnnouncement
    let planner: RegistryPlanner
    let ingest: RegistryIngest
    let liveness: LivenessPolicy
    let producer: KafkaProducer
    let consul: ConsulClient
    let writer: RegistryConsulWriter
    let ttlPasses: RegistryTTLPassLane

    let clock = ContinuousClock()
    let startedAt: ContinuousClock.Instant
    var generator = SystemRandomNumberGenerator()

    /// What the registry knows of every node (its own environment and, to refuse reused ids, others).
    var states: [String: RegistryNodeState] = [:]
    var store: NodeRegistrationStore?
    var consumer: KafkaConsumer?

    // PostgreSQL outage
    var backlog = PostgresBacklog()
    var postgresBackoff = RetryBackoff(baseSeconds: 0.2, capSeconds: 2)
    var nextPostgresAttemptAt: Double = 0

    // Consul outage and drift
    /// Nodes whose Consul side is owed (registration or removal), for the reconciler.
    var pendingConsul: Set<String> = []
    var consulBackoff = RetryBackoff(baseSeconds: 0.2, capSeconds: 2)
    var nextReconcileAt: Double = 0
    var nextConsulSyncAt: Double = 0
    /// Services with our tag that no live node of ours explains, seen at the previous drift sync: removed
    /// only when still unexplained at the next one (another registry's write may be on its way).
    var orphanCandidates: Set<String> = []
    /// Offsets of durable work whose commit failed (Kafka away): retried with the next commit.
    var uncommittedOffsets: [TopicPartition: Int64] = [:]

    // Several registries in one group
    var ownership = PartitionOwnership()

    // Liveness and self-preservation
    var nextSweepAt: Double = 0
    var lagHistory: [Int64] = []
    var blindReason: String?
    /// Nodes already recorded stale (a heartbeat clears it).
    var markedStale: Set<String> = []
    /// Nodes live when the registry went blind: their TTL checks are kept passing meanwhile.
    var liveWhenBlind: Set<String> = []

    // Start-up request tracking
    var tracker: CorrelationTracker?
    var reannounceWindowEndsAt: Double = 0

    var nextHeartbeatAt: Double = 0
    var nextLagAt: Double = 0
    var lastJoinRequestAt: Double = -.infinity
    /// Partitions whose offsets fell out of the log, and how often in a row.
    var retentionRecovery = RetentionRecovery()

    init(
        configuration: RegistryRunConfiguration, metrics: RegistryMetrics, health: RegistryHealthBoard,
        logger: Logger, baseURL: String
    ) throws(BridgeError) {
        self.configuration = configuration
        self.metrics = metrics
        self.health = health
        self.logger = logger
        planner = RegistryPlanner(options: configuration.options)
        ingest = RegistryIngest(topics: configuration.topics)
        liveness = configuration.liveness
        startedAt = clock.now
        announcement = RegistrySelfAnnouncement(
            registryID: configuration.options.registryID, environment: configuration.options.environment,
            baseURL: baseURL, heartbeatIntervalSeconds: configuration.heartbeatIntervalSeconds)
        var producerSettings = configuration.kafka
        // Any message the consumer accepted must fit in its DLQ (contracts/events.md, "Dead letters").
        producerSettings.properties.insert(.init(key: "message.max.bytes", value: "2000000"), at: 0)
        producer = try KafkaProducer(
            settings: producerSettings, options: KafkaProducerOptions(clientID: "bridgectl-registry"),
            logger: Logger(label: "bridgectl.kafka"))
        consul = ConsulClient(
            settings: configuration.consul, maximumConnections: configuration.consulConcurrency, logger: logger)
        writer = RegistryConsulWriter(
            client: consul, concurrency: configuration.consulConcurrency, metrics: metrics, logger: logger)
        ttlPasses = RegistryTTLPassLane(writer: writer)
    }

    deinit { consul.shutdown() }

    /// Monotonic seconds since the pipeline was made.
    var now: Double {
        startedAt.duration(to: clock.now).seconds
    }

    var uptimeSeconds: Int64 { Int64(now) }

    // MARK: - Run

    func run() async throws {
        guard let store = await openStore() else { return }
        self.store = store
        let uncleanStop = states[configuration.options.registryID].map { !$0.deregistered } ?? false
        await repairConsulDrift()

        let consumer = try KafkaConsumer(
            settings: configuration.kafka,
            options: KafkaConsumerOptions(
                clientID: "bridgectl-registry", groupID: configuration.groupID, initialPosition: .beginning,
                readHeaders: false),
            logger: Logger(label: "bridgectl.kafka"))
        self.consumer = consumer
        try consumer.subscribe([configuration.topics.introspection, configuration.topics.heartbeat])
        let passes = Task { [ttlPasses, batch = max(1, configuration.consulConcurrency) * 16] in
            await ttlPasses.run(batch: batch)
        }
        defer { passes.cancel() }

        announce { try $0.introspection(reason: .startup, uptimeSeconds: 0) }
        requestReannouncement(reason: uncleanStop ? .recovery : .startup)
        nextHeartbeatAt = now + min(configuration.heartbeatIntervalSeconds, 1)
        health.withLock { $0.phase = .running }
        logger.info(
            "registry running",
            metadata: [
                "registry.id": "\(configuration.options.registryID)", "group": "\(configuration.groupID)",
                "environment": "\(configuration.options.environment)", "nodes.known": "\(states.count)",
                "request.reason": "\(uncleanStop ? "recovery" : "startup")",
            ])

        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let events = try await consumer.poll(maxEvents: configuration.batchSize, timeout: .milliseconds(100))
            var messages: [KafkaMessage] = []
            for event in events {
                switch event {
                case .message(let message):
                    if retentionRecovery.isRecovering { retentionRecovery.read(message.position.topicPartition) }
                    messages.append(message)
                case .assigned(let partitions):
                    logger.info("partitions assigned", metadata: ["partitions": "\(partitions.count)"])
                    health.withLock { $0.assignment = consumer.assignment }
                    await adoptPartitions(partitions)
                case .revoked(let partitions):
                    logger.info("partitions revoked", metadata: ["partitions": "\(partitions.count)"])
                    releasePartitions(partitions)
                    health.withLock {
                        $0.assignment = consumer.assignment
                        for partition in partitions { $0.lagByPartition[partition] = nil }
                    }
                case .offsetOutOfRange(let position, let detail):
                    await resumeAfterRetentionLoss(position, detail: detail, consumer: consumer)
                case .endOfPartition: break
                case .error(let error):
                    // librdkafka's "all brokers down" and transport failures.
                    if error.code == -187 || error.code == -195 {
                        markDown(.kafka, error.description)
                    } else {
                        logger.warning("kafka reported an error", metadata: ["error": "\(error)"])
                    }
                }
            }
            if !messages.isEmpty {
                markUp(.kafka)
                guard await process(messages) else { break }
            }
            await housekeeping()
        }

        health.withLock { $0.phase = .stopping }
        logger.info("registry stopping")
        await flushBacklog(force: true)
        await consumer.close()
        await leaveCleanly()
        _ = await producer.flush(timeout: .seconds(3))
    }

    /// A clean stop: NODE_SHUTDOWN for itself on Kafka, and its own row and service removed at once,
    /// so that the next start can tell a clean stop from a crash (`startup` vs `recovery`).
    private func leaveCleanly() async {
        guard let envelope = try? announcement.shutdown(), case .shutdown(let payload) = envelope.payload else {
            return
        }
        announce { _ in envelope }
        let write = ShutdownWrite(
            event: AppliedEvent(
                eventID: envelope.eventID, eventTimestamp: envelope.eventTimestamp, environment: envelope.environment,
                payload: payload),
            consulState: .deregistered)
        _ = await writer.perform([.deregister(serviceID: configuration.options.registryID)])
        _ = try? await store?.softDelete([write])
    }

    // MARK: - Batches

    /// Applies one batch. false when shutdown came before its dead letters could be produced (then
    /// nothing of it is committed, and it is read again by whoever reads next).
    func process(_ messages: [KafkaMessage]) async -> Bool {
        metrics.batchSize.record(Double(messages.count))
        var consumed: [ConsumedEvent] = []
        var deadLetters: [DeadLetter] = []
        var sources: [TopicPartitionOffset: KafkaMessage] = [:]
        var ignored = 0
        for message in messages {
            switch ingest.ingest(
                topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
                value: message.value)
            {
            case .event(let event):
                metrics.consumed(event.envelope.eventType)
                consumed.append(event)
                sources[message.position] = message
            case .deadLetter(let letter): deadLetters.append(letter)
            case .ignored: ignored += 1
            }
        }
        await lookUpUnknownNodes(consumed)
        let now = self.now
        var plan = planner.plan(consumed, states: states, now: now)
        for (event, reason) in plan.deadLetters {
            let source = sources[
                TopicPartitionOffset(topic: event.topic, partition: event.partition, offset: event.offset)]
            deadLetters.append(
                DeadLetter(
                    sourceTopic: event.topic, partition: event.partition, offset: event.offset, key: source?.key,
                    value: source?.value, reason: reason, suffix: configuration.topics.dlqSuffix))
        }
        if !deadLetters.isEmpty {
            guard await produceDeadLetters(deadLetters) else { return false }
        }

        let owed = await applyConsul(&plan)
        backlog.add(
            introspections: plan.introspections.map {
                IntrospectionWrite(
                    event: $0, consulServiceID: $0.payload.nodeID, consulState: owed[$0.payload.nodeID] ?? .registered)
            },
            heartbeats: plan.heartbeats,
            shutdowns: plan.shutdowns.map {
                ShutdownWrite(event: $0, consulState: owed[$0.payload.nodeID] ?? .deregistered)
            })
        var last: [TopicPartition: Int64] = [:]
        for message in messages {
            let partition = TopicPartition(topic: message.topic, partition: message.partition)
            last[partition] = max(last[partition] ?? 0, message.offset)
        }
        backlog.hold(offsets: last)
        states.merge(plan.nextStates) { _, new in new }
        for (nodeID, correlation) in plan.answers { tracker?.record(nodeID: nodeID, correlationID: correlation) }
        if let tracker { health.withLock { $0.startupAnswers = tracker.answered.count } }
        recordOutcomes(plan, deadLetters: deadLetters.count, ignored: ignored)
        if !plan.joinRequests.isEmpty { requestJoin(plan) }
        await flushBacklog()
        return true
    }

    func recordOutcomes(_ plan: RegistryPlan, deadLetters: Int, ignored: Int) {
        let wall = EventTimestamp.now().microsecondsSinceEpoch
        for write in plan.introspections {
            metrics.registrationLatency.record(
                .microseconds(max(0, wall - write.eventTimestamp.microsecondsSinceEpoch)))
        }
        metrics.outcome("applied", plan.introspections.count + plan.heartbeats.count + plan.shutdowns.count)
        metrics.outcome("stale", plan.staleSkipped)
        metrics.outcome("unchanged", plan.unchangedSkipped)
        metrics.outcome("other_environment", plan.otherEnvironmentSkipped)
        metrics.outcome("dead_letter", deadLetters)
        metrics.outcome("ignored", ignored)
    }

    /// Counts every node: done once per liveness sweep (each second), not per batch.
    func updateNodeGauges() {
        let environment = configuration.options.environment
        let ours = states.values.filter { $0.environment == environment }
        let liveStates = ours.filter { !$0.deregistered }
        let live = liveStates.count
        let owned = liveStates.filter { ownership.owns($0.nodeID, lastHeardPartition: $0.lastPartition) }.count
        metrics.knownNodes.set(Int64(ours.count))
        metrics.liveNodes.set(Int64(live))
        let pending = pendingConsul.count
        let held = backlog.nodeCount
        metrics.pendingConsul.set(Int64(pending))
        metrics.ttlPassesQueued.set(Int64(ttlPasses.queuedCount))
        metrics.heldPostgres.set(Int64(held))
        health.withLock {
            $0.knownNodes = ours.count
            $0.liveNodes = live
            $0.ownedNodes = owned
            $0.pendingConsul = pending
            $0.heldPostgresNodes = held
        }
    }

    /// Commits the offsets of everything that is durable (the backlog's offsets, once it is empty), for
    /// the partitions still assigned (a revoked one was committed at its revoke; its next owner re-reads
    /// what came after, which the generation rule makes harmless). The commit carries the registry's id,
    /// which `inspect kafka --group` shows per partition.
    func commit(_ offsets: [TopicPartition: Int64]) async {
        guard let consumer else { return }
        let wanted = uncommittedOffsets.merging(offsets, uniquingKeysWith: max)
        guard !wanted.isEmpty else { return }
        if health.withLock({ $0.dependencies[.kafka]?.up == false }) {
            // Kept for when Kafka is back: a synchronous commit now would block the loop.
            uncommittedOffsets = wanted
            return
        }
        let assigned = Set(consumer.assignment)
        let positions = wanted.filter { assigned.contains($0.key) }.map {
            TopicPartitionOffset($0.key, offset: $0.value)
        }
        uncommittedOffsets = [:]
        guard !positions.isEmpty else { return }
        do throws(BridgeError) {
            // `store` marks these messages done (committed at a revoke too); the explicit commit sends
            // the next offsets with the registry's id as metadata.
            try consumer.store(positions)
            try await consumer.commit(
                positions.map { TopicPartitionOffset($0.topicPartition, offset: $0.offset + 1) },
                metadata: configuration.options.registryID)
            metrics.commits.increment()
            health.withLock { $0.lastCommitAt = .now() }
        } catch {
            // Stored offsets stay stored (a revoke commits them); the next commit retries them too.
            for position in positions { uncommittedOffsets[position.topicPartition] = position.offset }
            metrics.commitFailures.increment()
            logger.warning("offset commit failed; will retry", metadata: ["error": "\(error.message)"])
        }
    }

    // MARK: - Between batches

    func housekeeping() async {
        let now = self.now
        absorbTTLPassReports()
        if now >= nextHeartbeatAt {
            nextHeartbeatAt = now + configuration.heartbeatIntervalSeconds
            let status = health.withLock { $0.status }
            let uptime = uptimeSeconds
            announce { try $0.heartbeat(status: status, uptimeSeconds: uptime) }
        }
        if now >= nextLagAt {
            nextLagAt = now + configuration.lagIntervalSeconds
            await measureLag()
            // Retried only while Kafka answers: a synchronous commit to an unreachable coordinator blocks
            // the loop (and with it the liveness sweep that notices the outage).
            if !uncommittedOffsets.isEmpty, health.withLock({ $0.dependencies[.kafka]?.up != false }) {
                await commit([:])
            }
        }
        if !backlog.isEmpty || backlog.hasOffsets { await flushBacklog() }
        if !pendingConsul.isEmpty, now >= nextReconcileAt { await reconcile() }
        if now >= nextConsulSyncAt {
            // Also the probe that notices Consul coming back when nothing else is owed to it.
            let up = health.withLock { $0.dependencies[.consul]?.up != false }
            nextConsulSyncAt =
                now + (up ? configuration.consulSyncIntervalSeconds : consulBackoff.nextDelay(using: &generator))
            await repairConsulDrift()
        }
        if now >= nextSweepAt {
            nextSweepAt = now + 1
            await sweepLiveness()
        }
        if let tracker, now >= reannounceWindowEndsAt { closeReannounceWindow(tracker) }
    }

    func measureLag() async {
        guard let consumer else { return }
        let assignment = consumer.assignment
        guard !assignment.isEmpty else {
            // Nothing assigned (the group may have lost us): still find out whether Kafka answers.
            health.withLock { $0.assignment = [] }
            do throws(BridgeError) {
                _ = try await consumer.metadata(timeout: .seconds(2))
                markUp(.kafka)
            } catch {
                markDown(.kafka, error.message)
            }
            return
        }
        do throws(BridgeError) {
            // The committed offsets come from the group coordinator (bounded by the timeout: also the
            // probe that tells whether Kafka answers); the ends from the consumer's own fetches
            // (asking each partition's leader can block far past its timeout while brokers are down).
            let committed = try await consumer.committed(assignment, timeout: .seconds(2))
            let marks = consumer.cachedWatermarks(assignment)
            var position: [TopicPartition: Int64] = [:]
            for entry in committed { position[entry.topicPartition] = entry.offset }
            var lag: [TopicPartition: Int64] = [:]
            for mark in marks {
                let at = position[mark.topicPartition].flatMap { $0 >= 0 ? $0 : nil } ?? mark.low
                lag[mark.topicPartition] = max(0, mark.high - at)
            }
            markUp(.kafka)
            let total = lag.values.reduce(0, +)
            lagHistory = Array((lagHistory + [total]).suffix(4))
            metrics.consumerLag.set(total)
            health.withLock {
                $0.assignment = assignment
                $0.lagByPartition = lag
            }
        } catch {
            markDown(.kafka, error.message)
        }
    }
}

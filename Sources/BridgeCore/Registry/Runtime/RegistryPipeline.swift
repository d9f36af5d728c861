import BridgeEvents
import Logging
import ServiceLifecycle

/// The registry's work loop (DESIGN.md §4): consume a batch, refuse what breaks the contract (DLQ),
/// plan under the generation rule, apply to Consul then PostgreSQL, and only then commit the
/// batch's offsets. Consul unreachable: rows are written `pending_register`/`pending_deregister`
/// and the reconciler finishes them later. PostgreSQL unreachable: the batch is retried with backoff
/// and nothing is committed until it is durable. Runs in one task; `RegistryService` owns it.
final class RegistryPipeline {
    let configuration: RegistryRunConfiguration
    let metrics: RegistryMetrics
    let health: RegistryHealthBoard
    let logger: Logger
    let announcement: RegistrySelfAnnouncement

    private let planner: RegistryPlanner
    private let ingest: RegistryIngest
    private let clock = ContinuousClock()
    private let startedAt: ContinuousClock.Instant
    private var states: [String: RegistryNodeState] = [:]
    /// Nodes whose Consul side is owed (registration or removal), for the reconciler.
    private var pendingConsul: Set<String> = []
    private var reconcileBackoff = RetryBackoff(baseSeconds: 0.2, capSeconds: 5)
    private var nextReconcileAt: Double = 0
    private var nextHeartbeatAt: Double = 0
    private var nextLagAt: Double = 0
    private var lastJoinRequestAt: Double = -.infinity
    private var generator = SystemRandomNumberGenerator()

    init(
        configuration: RegistryRunConfiguration, metrics: RegistryMetrics, health: RegistryHealthBoard,
        logger: Logger, baseURL: String
    ) {
        self.configuration = configuration
        self.metrics = metrics
        self.health = health
        self.logger = logger
        planner = RegistryPlanner(options: configuration.options)
        ingest = RegistryIngest(topics: configuration.topics)
        startedAt = clock.now
        announcement = RegistrySelfAnnouncement(
            registryID: configuration.options.registryID, environment: configuration.options.environment,
            baseURL: baseURL, heartbeatIntervalSeconds: configuration.heartbeatIntervalSeconds)
    }

    private var now: Double {
        let elapsed = startedAt.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    private var uptimeSeconds: Int64 { Int64(now) }

    // MARK: - Run

    func run() async throws {
        var producerSettings = configuration.kafka
        // Any message the consumer accepted must fit in its DLQ (contracts/events.md, "Dead letters").
        producerSettings.properties.insert(.init(key: "message.max.bytes", value: "2000000"), at: 0)
        let producer = try KafkaProducer(
            settings: producerSettings, options: KafkaProducerOptions(clientID: "bridgectl-registry"),
            logger: Logger(label: "bridgectl.kafka"))
        let consul = ConsulClient(
            settings: configuration.consul, maximumConnections: configuration.consulConcurrency, logger: logger)
        defer { consul.shutdown() }
        let writer = RegistryConsulWriter(
            client: consul, concurrency: configuration.consulConcurrency, metrics: metrics, logger: logger)

        guard let store = await openStore() else { return }
        await repairConsulDrift(consul: consul, writer: writer, store: store)

        let consumer = try KafkaConsumer(
            settings: configuration.kafka,
            options: KafkaConsumerOptions(
                clientID: "bridgectl-registry", groupID: configuration.groupID, initialPosition: .beginning,
                readHeaders: false),
            logger: Logger(label: "bridgectl.kafka"))
        try consumer.subscribe([configuration.topics.introspection, configuration.topics.heartbeat])

        announce(producer) { try $0.introspection(reason: .startup, uptimeSeconds: 0) }
        let correlation = EventUUID.random()
        health.withLock {
            $0.startupCorrelationID = correlation
            $0.phase = .running
        }
        announce(producer) {
            try $0.request(
                reason: .startup, responseTimeoutMilliseconds: configuration.requestResponseTimeoutMilliseconds,
                correlationID: correlation)
        }
        nextHeartbeatAt = now + min(configuration.heartbeatIntervalSeconds, 1)
        logger.info(
            "registry running",
            metadata: [
                "registry.id": "\(configuration.options.registryID)", "group": "\(configuration.groupID)",
                "environment": "\(configuration.options.environment)", "nodes.known": "\(states.count)",
            ])

        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let events = try await consumer.poll(maxEvents: configuration.batchSize, timeout: .milliseconds(100))
            var messages: [KafkaMessage] = []
            for event in events {
                switch event {
                case .message(let message): messages.append(message)
                case .assigned(let partitions):
                    logger.info("partitions assigned", metadata: ["partitions": "\(partitions.count)"])
                    health.withLock { $0.assignment = consumer.assignment }
                case .revoked(let partitions):
                    logger.info("partitions revoked", metadata: ["partitions": "\(partitions.count)"])
                    health.withLock {
                        $0.assignment = consumer.assignment
                        for partition in partitions { $0.lagByPartition[partition] = nil }
                    }
                case .offsetOutOfRange(let position, let detail):
                    // Retention dropped messages the group never read: loud, then go on from what is left.
                    logger.error(
                        "committed offset no longer in the log; messages were lost to retention",
                        metadata: ["partition": "\(position.topicPartition)", "error": "\(detail)"])
                    try? await consumer.seek([TopicPartitionOffset(position.topicPartition, offset: -2)])
                case .endOfPartition: break
                case .error(let error):
                    if error.code == -187 || error.code == -195 {
                        markDown(.kafka, error.description)
                    } else {
                        logger.warning("kafka reported an error", metadata: ["error": "\(error)"])
                    }
                }
            }
            if !messages.isEmpty {
                markUp(.kafka)
                guard
                    await process(messages, consumer: consumer, producer: producer, writer: writer, store: store)
                else { break }
            }
            await housekeeping(consumer: consumer, producer: producer, writer: writer, store: store)
        }

        health.withLock { $0.phase = .stopping }
        logger.info("registry stopping")
        await consumer.close()
        announce(producer) { try $0.shutdown() }
        _ = await producer.flush(timeout: .seconds(3))
    }

    // MARK: - Start

    /// Connects to PostgreSQL, applies the schema and loads the known nodes; retries with backoff
    /// until it can (the registry serves `/health` meanwhile). nil when shut down first.
    private func openStore() async -> NodeRegistrationStore? {
        var backoff = RetryBackoff(baseSeconds: 0.2, capSeconds: 5)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do throws(BridgeError) {
                let connection = try await PostgresConnection.connect(
                    configuration.postgres, logger: logger, connectTimeoutSeconds: 3, reconnectFor: .seconds(1))
                _ = try await SchemaMigrator().migrate(connection)
                let store = NodeRegistrationStore(connection: connection)
                let records = try await store.list(NodeRegistrationFilter(includeDeregistered: true))
                let now = self.now
                let pending: Set<String> = [
                    ConsulState.pendingRegister.rawValue, ConsulState.pendingDeregister.rawValue,
                ]
                // Rows of other environments are kept too, so that a reused node id is refused (§4.10).
                for record in records {
                    states[record.nodeID] = RegistryNodeState(record: record, options: configuration.options, now: now)
                    if record.environment == configuration.options.environment,
                        let state = record.consulState, pending.contains(state)
                    {
                        pendingConsul.insert(record.nodeID)
                    }
                }
                markUp(.postgres)
                updateNodeGauges()
                logger.info("known nodes loaded from postgresql", metadata: ["nodes": "\(records.count)"])
                return store
            } catch {
                markDown(.postgres, error.message)
                await pause(backoff.nextDelay(using: &generator))
            }
        }
        return nil
    }

    /// Makes Consul hold exactly the live nodes PostgreSQL knows in this environment (§4.4): an agent
    /// that lost its state gets them back; our tagged services PostgreSQL does not know are removed.
    /// Consul unreachable: every live node is owed to Consul and the reconciler takes over.
    func repairConsulDrift(
        consul: ConsulClient, writer: RegistryConsulWriter, store: NodeRegistrationStore
    ) async {
        let environment = configuration.options.environment
        var desired: [String: ServiceRegistration] = [:]
        for (id, state) in states where state.environment == environment && !state.deregistered {
            if let registration = state.desiredRegistration { desired[id] = registration }
        }
        let drift: ConsulDrift
        do throws(ConsulError) {
            let services = try await consul.agentServices()
            let checks = try await consul.agentChecks()
            drift = ConsulDrift.compare(
                desired: desired, services: services, checkIDs: Set(checks.keys), environment: environment)
            markUp(.consul)
        } catch {
            markDown(.consul, error.description)
            pendingConsul.formUnion(desired.keys)
            return
        }
        for id in drift.inPlace { states[id]?.registration = desired[id] }
        let operations =
            drift.register.map(RegistryConsulWriter.Operation.register)
            + drift.deregister.map { RegistryConsulWriter.Operation.deregister(serviceID: $0) }
        let outcomes = await writer.perform(operations)
        var repaired = 0
        for (operation, outcome) in zip(operations, outcomes) {
            guard case .register(let registration) = operation else {
                if outcome == .done { repaired += 1 }
                continue
            }
            if outcome == .done {
                states[registration.id]?.registration = registration
                states[registration.id]?.lastTTLPassAt = now
                repaired += 1
            } else if outcome.isUnreachable {
                pendingConsul.insert(registration.id)
            }
        }
        if repaired > 0 {
            metrics.driftRepairs.increment(by: Int64(repaired))
            logger.notice(
                "consul drift repaired",
                metadata: ["registered": "\(drift.register.count)", "removed": "\(drift.deregister.count)"])
        }
    }

    // MARK: - Batches

    /// Applies one batch and commits it. false when shutdown came before it was durable (then
    /// nothing is committed, and the batch is read again by whoever reads next).
    private func process(
        _ messages: [KafkaMessage], consumer: KafkaConsumer, producer: KafkaProducer, writer: RegistryConsulWriter,
        store: NodeRegistrationStore
    ) async -> Bool {
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
        let now = self.now
        var plan = planner.plan(consumed, states: states, now: now)
        for (event, reason) in plan.deadLetters {
            let position = TopicPartitionOffset(topic: event.topic, partition: event.partition, offset: event.offset)
            let source = sources[position]
            deadLetters.append(
                DeadLetter(
                    sourceTopic: event.topic, partition: event.partition, offset: event.offset, key: source?.key,
                    value: source?.value, reason: reason, suffix: configuration.topics.dlqSuffix))
        }

        if !deadLetters.isEmpty {
            guard
                await untilDone(
                    .kafka, "produce dead letters",
                    { () throws(BridgeError) in
                        try await Self.send(deadLetters, producer: producer)
                    })
            else { return false }
            metrics.deadLetters.increment(by: Int64(deadLetters.count))
            for letter in deadLetters {
                logger.warning(
                    "event refused", metadata: ["dlq": "\(letter.topic)", "reason": "\(letter.reason)"])
            }
        }

        let consulStates = await applyConsul(&plan, writer: writer)

        let introspections = plan.introspections.map {
            IntrospectionWrite(
                event: $0, consulServiceID: $0.payload.nodeID,
                consulState: consulStates[$0.payload.nodeID] ?? .registered)
        }
        let shutdowns = plan.shutdowns.map {
            ShutdownWrite(event: $0, consulState: consulStates[$0.payload.nodeID] ?? .deregistered)
        }
        let heartbeats = plan.heartbeats
        guard
            await untilDone(
                .postgres, "write registrations",
                { () throws(BridgeError) in
                    if !introspections.isEmpty { try await store.upsert(introspections) }
                    if !heartbeats.isEmpty { try await store.applyHeartbeats(heartbeats) }
                    if !shutdowns.isEmpty { try await store.softDelete(shutdowns) }
                })
        else { return false }

        states.merge(plan.nextStates) { _, new in new }
        recordOutcomes(plan, deadLetters: deadLetters.count, ignored: ignored)
        if let correlation = health.withLock({ $0.startupCorrelationID }) {
            let answers = plan.answers.values.filter { $0 == correlation }.count
            if answers > 0 { health.withLock { $0.startupAnswers += answers } }
        }
        if !plan.joinRequests.isEmpty { requestJoin(plan, producer: producer) }
        await commit(messages, consumer: consumer)
        return true
    }

    /// Consul's part of the plan. Returns the `consul_state` to record for nodes whose Consul side is
    /// owed; adjusts the plan's next states so that what Consul does not hold is not believed held.
    private func applyConsul(_ plan: inout RegistryPlan, writer: RegistryConsulWriter) async -> [String: ConsulState] {
        var operations: [RegistryConsulWriter.Operation] = []
        operations += plan.consulRegistrations.map { .register($0) }
        operations += plan.consulDeregistrations.map { .deregister(serviceID: $0) }
        for checkID in plan.ttlPasses {
            let nodeID = String(checkID.dropFirst("service:".count))
            if let registration = plan.nextStates[nodeID]?.registration { operations.append(.passTTL(registration)) }
        }
        // While Consul is known to be down, everything is owed at once instead of timing out per request.
        let outcomes: [RegistryConsulWriter.Outcome]
        if !pendingConsul.isEmpty, health.withLock({ $0.dependencies[.consul]?.up == false }) {
            outcomes = operations.map { _ in .unreachable("consul is down") }
        } else {
            outcomes = await writer.perform(operations)
        }
        var owed: [String: ConsulState] = [:]
        var unreachable: String?
        for (operation, outcome) in zip(operations, outcomes) {
            switch (operation, outcome) {
            case (_, .done): break
            case (.register(let registration), _):
                owed[registration.id] = .pendingRegister
                plan.nextStates[registration.id]?.registration = nil
            case (.deregister(let id), _):
                owed[id] = .pendingDeregister
            case (.passTTL, _): break
            }
            if case .unreachable(let reason) = outcome { unreachable = reason }
        }
        if let unreachable {
            markDown(.consul, unreachable)
            pendingConsul.formUnion(owed.keys)
        } else if !operations.isEmpty {
            markUp(.consul)
        }
        return owed
    }

    private func recordOutcomes(_ plan: RegistryPlan, deadLetters: Int, ignored: Int) {
        let wall = EventTimestamp.now().microsecondsSinceEpoch
        for write in plan.introspections {
            let micros = max(0, wall - write.eventTimestamp.microsecondsSinceEpoch)
            metrics.registrationLatency.record(.microseconds(micros))
        }
        metrics.outcome("applied", plan.introspections.count + plan.heartbeats.count + plan.shutdowns.count)
        metrics.outcome("stale", plan.staleSkipped)
        metrics.outcome("unchanged", plan.unchangedSkipped)
        metrics.outcome("other_environment", plan.otherEnvironmentSkipped)
        metrics.outcome("dead_letter", deadLetters)
        metrics.outcome("ignored", ignored)
        updateNodeGauges()
    }

    private func updateNodeGauges() {
        let environment = configuration.options.environment
        let ours = states.values.filter { $0.environment == environment }
        let live = ours.filter { !$0.deregistered }.count
        metrics.knownNodes.set(Int64(ours.count))
        metrics.liveNodes.set(Int64(live))
        health.withLock {
            $0.knownNodes = ours.count
            $0.liveNodes = live
        }
    }

    /// Nodes heard only by heartbeat are asked to announce, at most once per 10 s.
    private func requestJoin(_ plan: RegistryPlan, producer: KafkaProducer) {
        guard now - lastJoinRequestAt >= 10 else { return }
        lastJoinRequestAt = now
        let types = Set(plan.joinRequests.compactMap { states[$0]?.nodeType })
        logger.info("asking unknown nodes to announce", metadata: ["nodes": "\(plan.joinRequests.count)"])
        announce(producer) {
            try $0.request(
                reason: .nodeJoin, targetTypes: types.sorted { $0.rawValue < $1.rawValue },
                responseTimeoutMilliseconds: configuration.requestResponseTimeoutMilliseconds,
                correlationID: .random())
        }
    }

    private func commit(_ messages: [KafkaMessage], consumer: KafkaConsumer) async {
        // The last message of each partition; `store` commits the offset after it.
        var last: [TopicPartition: Int64] = [:]
        for message in messages {
            let partition = TopicPartition(topic: message.topic, partition: message.partition)
            last[partition] = max(last[partition] ?? 0, message.offset)
        }
        let positions = last.map { TopicPartitionOffset($0.key, offset: $0.value) }
        do throws(BridgeError) {
            try consumer.store(positions)
            try await consumer.commit()
            metrics.commits.increment()
            health.withLock { $0.lastCommitAt = .now() }
        } catch {
            // The offsets stay stored: the next commit (or the revoke) carries them.
            metrics.commitFailures.increment()
            logger.warning("offset commit failed; will retry", metadata: ["error": "\(error.message)"])
        }
    }

    // MARK: - Between batches

    private func housekeeping(
        consumer: KafkaConsumer, producer: KafkaProducer, writer: RegistryConsulWriter, store: NodeRegistrationStore
    ) async {
        let now = self.now
        if now >= nextHeartbeatAt {
            nextHeartbeatAt = now + configuration.heartbeatIntervalSeconds
            let status = health.withLock { $0.status }
            announce(producer) { try $0.heartbeat(status: status, uptimeSeconds: uptimeSeconds) }
        }
        if now >= nextLagAt {
            nextLagAt = now + configuration.lagIntervalSeconds
            await measureLag(consumer)
        }
        if !pendingConsul.isEmpty, now >= nextReconcileAt {
            await reconcile(writer: writer, store: store)
        }
    }

    private func measureLag(_ consumer: KafkaConsumer) async {
        let assignment = consumer.assignment
        guard !assignment.isEmpty else {
            health.withLock { $0.assignment = [] }
            return
        }
        do throws(BridgeError) {
            let marks = try await consumer.watermarks(assignment, timeout: .seconds(2))
            let committed = try await consumer.committed(assignment, timeout: .seconds(2))
            var position: [TopicPartition: Int64] = [:]
            for entry in committed { position[entry.topicPartition] = entry.offset }
            var lag: [TopicPartition: Int64] = [:]
            for mark in marks {
                let at = position[mark.topicPartition].flatMap { $0 >= 0 ? $0 : nil } ?? mark.low
                lag[mark.topicPartition] = max(0, mark.high - at)
            }
            markUp(.kafka)
            metrics.consumerLag.set(lag.values.reduce(0, +))
            health.withLock {
                $0.assignment = assignment
                $0.lagByPartition = lag
            }
        } catch {
            markDown(.kafka, error.message)
        }
    }

    /// Finishes what Consul is owed (§4.4): registers or removes each pending node, then records it
    /// in PostgreSQL. Retried with exponential backoff and jitter while Consul stays away.
    private func reconcile(writer: RegistryConsulWriter, store: NodeRegistrationStore) async {
        var operations: [RegistryConsulWriter.Operation] = []
        var ids: [String] = []
        for id in pendingConsul.sorted() {
            guard let state = states[id] else {
                pendingConsul.remove(id)
                continue
            }
            if state.deregistered || state.desiredRegistration == nil {
                operations.append(.deregister(serviceID: id))
            } else if let desired = state.desiredRegistration {
                operations.append(.register(desired))
            }
            ids.append(id)
        }
        let outcomes = await writer.perform(operations)
        var registered: [String] = []
        var deregistered: [String] = []
        var stillDown: String?
        for (id, (operation, outcome)) in zip(ids, zip(operations, outcomes)) {
            switch outcome {
            case .done:
                if case .register(let registration) = operation {
                    states[id]?.registration = registration
                    states[id]?.lastTTLPassAt = now
                    registered.append(id)
                } else {
                    states[id]?.registration = nil
                    deregistered.append(id)
                }
            case .rejected:
                pendingConsul.remove(id)
            case .unreachable(let reason):
                stillDown = reason
            }
        }
        let recorded = await untilDone(
            .postgres, "record consul state",
            { () throws(BridgeError) in
                if !registered.isEmpty { _ = try await store.setConsulState(.registered, nodeIDs: registered) }
                if !deregistered.isEmpty { _ = try await store.setConsulState(.deregistered, nodeIDs: deregistered) }
            })
        if recorded {
            pendingConsul.subtract(registered)
            pendingConsul.subtract(deregistered)
        }
        if let stillDown {
            markDown(.consul, stillDown)
            nextReconcileAt = now + reconcileBackoff.nextDelay(using: &generator)
        } else {
            markUp(.consul)
            reconcileBackoff.reset()
            if !registered.isEmpty || !deregistered.isEmpty {
                metrics.driftRepairs.increment(by: Int64(registered.count + deregistered.count))
                logger.notice(
                    "pending consul work completed",
                    metadata: [
                        "registered": "\(registered.count)", "deregistered": "\(deregistered.count)",
                        "still.pending": "\(pendingConsul.count)",
                    ])
            }
        }
    }

    // MARK: - Helpers

    /// Publishes one of the registry's own events without waiting (Kafka may be away: the producer
    /// buffers it); a failure is logged.
    private func announce(
        _ producer: KafkaProducer, _ build: (RegistrySelfAnnouncement) throws -> EventEnvelope
    ) {
        let logger = self.logger
        do {
            let envelope = try build(announcement)
            let record = KafkaRecord(
                topic: configuration.topics.topic(for: envelope.eventType), key: envelope.payload.key,
                value: EventCodec.encode(envelope))
            try producer.enqueue(record) { result in
                if case .failure(let error) = result {
                    logger.warning(
                        "registry event not delivered",
                        metadata: ["event.type": "\(envelope.eventType.rawValue)", "error": "\(error.message)"])
                }
            }
        } catch {
            logger.warning("registry event not sent", metadata: ["error": "\(error)"])
        }
    }

    private static func send(_ letters: [DeadLetter], producer: KafkaProducer) async throws(BridgeError) {
        let results = await withTaskGroup(of: Result<DeliveryReport, BridgeError>.self) { group in
            for letter in letters {
                let record = KafkaRecord(
                    topic: letter.topic, key: letter.key, value: letter.value,
                    headers: letter.headers.map { KafkaHeader(name: $0.name, text: $0.value) })
                group.addTask {
                    do throws(BridgeError) {
                        return .success(try await producer.send(record, timeout: .seconds(10)))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var results: [Result<DeliveryReport, BridgeError>] = []
            for await result in group { results.append(result) }
            return results
        }
        for result in results {
            if case .failure(let error) = result { throw error }
        }
    }

    /// Runs `operation` until it succeeds, backing off between tries and keeping `/health` current.
    /// false when shutdown came first.
    private func untilDone(
        _ dependency: RegistryDependency, _ what: String,
        _ operation: () async throws(BridgeError) -> Void
    ) async -> Bool {
        var backoff = RetryBackoff(baseSeconds: 0.1, capSeconds: 5)
        while true {
            do throws(BridgeError) {
                try await operation()
                markUp(dependency)
                if backoff.attempt > 0 {
                    health.withLock { $0.commitsHeldSince = nil }
                    logger.notice("\(dependency.rawValue) is back; work resumed", metadata: ["work": "\(what)"])
                }
                return true
            } catch {
                if backoff.attempt == 0 {
                    health.withLock { $0.commitsHeldSince = .now() }
                    logger.error(
                        "cannot \(what); holding the commit and retrying",
                        metadata: ["dependency": "\(dependency.rawValue)", "error": "\(error.message)"])
                }
                markDown(dependency, error.message)
                if Task.isShuttingDownGracefully || Task.isCancelled { return false }
                await pause(backoff.nextDelay(using: &generator))
            }
        }
    }

    private func markUp(_ dependency: RegistryDependency) {
        let changed = health.withLock { health in
            let was = health.dependencies[dependency]?.up
            health.mark(dependency, up: true)
            return was == false
        }
        metrics.storeUp[dependency]?.set(Int64(1))
        if changed { logger.notice("\(dependency.rawValue) reachable again") }
    }

    private func markDown(_ dependency: RegistryDependency, _ reason: String) {
        let changed = health.withLock { health in
            let was = health.dependencies[dependency]?.up
            health.mark(dependency, up: false, error: reason)
            return was != false
        }
        metrics.storeUp[dependency]?.set(Int64(0))
        if changed {
            logger.error("\(dependency.rawValue) unreachable", metadata: ["error": "\(reason)"])
        }
    }

    /// Sleeps up to `seconds`, waking early on shutdown.
    private func pause(_ seconds: Double) async {
        var left = seconds
        while left > 0, !Task.isShuttingDownGracefully, !Task.isCancelled {
            let step = min(left, 0.1)
            try? await Task.sleep(for: .milliseconds(Int64(step * 1000)))
            left -= step
        }
    }
}

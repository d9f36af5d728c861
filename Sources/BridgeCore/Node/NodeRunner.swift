import BridgeEvents
import Logging
import ServiceLifecycle
import Synchronization

/// The I/O side of `bridgectl node run`, as a swift-service-lifecycle `Service`: announces every node
/// once the HTTP port is bound, sends heartbeats on their schedules, answers registry requests read
/// from the end of the request topic, probes Kafka and announces again when it returns, and on
/// graceful shutdown publishes NODE_SHUTDOWN and flushes. It never fails because Kafka is away: it
/// runs degraded. Decisions are made by `HeartbeatSchedule`, `HeartbeatAdmission`,
/// `IntrospectionResponder` and `KafkaConnectivity`; this type only moves events.
public final class NodeRunner: Service, Sendable {
    public let spec: NodeFleetSpec
    public let options: NodeRunnerOptions
    public let state = NodeFleetState()
    public let metrics = NodeMetrics()
    public let port = BoundPort()
    let producerOptions: KafkaProducerOptions
    /// Created once the port is bound, right before the first event: a producer that learns its
    /// topics only after its first metadata exchange waits for librdkafka's 1 s topic scan, which
    /// would make every start a second slower.
    private let publisherBox = Mutex<EventPublisher?>(nil)
    let consumer: KafkaConsumer
    let logger: Logger
    let started: ContinuousClock.Instant
    let onEvent: @Sendable (NodeRunnerEvent) -> Void
    private let stopping = Atomic<Bool>(false)

    /// `started` is the process's start instant (uptime and start → acknowledged count from it).
    public init(
        spec: NodeFleetSpec, options: NodeRunnerOptions, logger: Logger, started: ContinuousClock.Instant = .now,
        onEvent: @escaping @Sendable (NodeRunnerEvent) -> Void = { _ in }
    ) throws(BridgeError) {
        self.spec = spec
        self.options = options
        self.logger = logger
        self.started = started
        self.onEvent = onEvent
        producerOptions = KafkaProducerOptions(
            clientID: "bridgectl-node", lingerMilliseconds: 1,
            deliveryTimeoutMilliseconds: options.deliveryTimeoutMilliseconds)
        // Refuse bad -X properties now, before anything starts.
        _ = try RDKafkaConfiguration(producerOptions.properties(for: options.kafka))
        consumer = try KafkaConsumer(
            settings: options.kafka,
            options: KafkaConsumerOptions(clientID: "bridgectl-node", readHeaders: false), logger: logger)
    }

    /// Seconds since `started` on the monotonic clock.
    func elapsed() -> Double {
        (ContinuousClock.now - started).seconds
    }

    var publisher: EventPublisher? { publisherBox.withLock { $0 } }

    public var bufferedEvents: Int { publisher?.producer.bufferedCount ?? 0 }

    public func run() async throws {
        let bound = await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown { await self.port.value() }
        } onCancel: {
            self.port.abandon()
        }
        guard let bound else { return }
        let profiles = try spec.profiles(port: bound)
        let producer = try KafkaProducer(settings: options.kafka, options: producerOptions, logger: logger)
        publisherBox.withLock { $0 = EventPublisher(producer: producer, topics: options.topics) }
        state.install(profiles)
        metrics.nodes.set(to: Double(profiles.count))
        logger.info(
            "node running",
            metadata: [
                "node.count": "\(profiles.count)", "node.first": "\(profiles.first?.nodeID ?? "")",
                "http.port": "\(bound)", "kafka.brokers": "\(options.kafka.brokers)",
            ])
        if options.settings.enableIntrospection { announceAll(.startup) }
        let probes = Task { await connectivityLoop() }
        let requests = Task { await requestLoop() }
        let heartbeats = options.settings.enableHeartbeat ? Task { await heartbeatLoop() } : nil
        // Returns on SIGTERM/SIGINT, or throws when the group cancels this service: stop either way.
        try? await gracefulShutdown()
        stopping.store(true, ordering: .sequentiallyConsistent)
        heartbeats?.cancel()
        requests.cancel()
        probes.cancel()
        await heartbeats?.value
        await sendShutdowns()
        await requests.value
        await probes.value
    }

    // MARK: publishing

    private func publish(
        _ payload: EventPayload, correlationID: EventUUID? = nil,
        completion: @escaping @Sendable (Result<DeliveryReport, BridgeError>) -> Void = { _ in }
    ) {
        let envelope = EventEnvelope(
            payload: payload, environment: spec.environment, correlationID: correlationID,
            sourceVersion: options.sourceVersion)
        let type = envelope.eventType
        let settle: @Sendable (Result<DeliveryReport, BridgeError>) -> Void = { result in
            self.settled(type, result)
            completion(result)
        }
        do throws(BridgeError) {
            guard let publisher else { throw .failure("The node's producer is not running.") }
            try publisher.enqueue(envelope, completion: settle)
        } catch {
            settle(.failure(error))
        }
    }

    private func settled(_ type: EventType, _ result: Result<DeliveryReport, BridgeError>) {
        let transition: KafkaConnectivity.Transition?
        switch result {
        case .success:
            metrics.recordPublished(type)
            let now = elapsed()
            transition = state.withConnectivity { $0.deliverySucceeded(at: now) }
        case .failure(let error):
            metrics.recordFailure(type)
            logger.debug(
                "event not delivered", metadata: ["event.type": "\(type.rawValue)", "error": "\(error.message)"])
            transition = state.withConnectivity { $0.deliveryFailed(error.message) }
        }
        handle(transition)
    }

    private func handle(_ transition: KafkaConnectivity.Transition?) {
        switch transition {
        case .reconnected:
            logger.notice("kafka reachable again", metadata: ["kafka.brokers": "\(options.kafka.brokers)"])
            onEvent(.kafkaReconnected)
            if options.settings.enableIntrospection, !stopping.load(ordering: .relaxed) { announceAll(.reconnect) }
        case .lost:
            let reason = state.snapshot.connectivity.lastFailure ?? "unknown"
            logger.warning(
                "kafka unreachable; running degraded",
                metadata: ["kafka.brokers": "\(options.kafka.brokers)", "error": "\(reason)"])
            onEvent(.kafkaLost(reason: reason))
        case nil: break
        }
    }

    /// Publishes every node's current introspection; reports when all were acknowledged.
    private func announceAll(_ reason: BroadcastReason) {
        let count = state.count
        let acknowledged = AnnouncementTally(expected: count)
        for position in 0..<count {
            guard let node = state.node(at: position) else { continue }
            let payload = spec.introspection(of: node.profile, reason: reason, uptimeSeconds: elapsed())
            publish(.introspection(payload)) { result in
                guard case .success = result, acknowledged.record() else { return }
                self.onEvent(.announced(reason: reason, nodes: count, milliseconds: self.elapsed() * 1000))
            }
        }
    }

    /// The current introspection payload of one node (what `/introspection` shows).
    public func currentIntrospection(of node: NodeFleetState.Node) -> NodeIntrospection {
        spec.introspection(of: node.profile, reason: .manual, uptimeSeconds: elapsed())
    }

    // MARK: heartbeats

    private func heartbeatLoop() async {
        let count = state.count
        // The first heartbeat leaves with the startup introspection: a producer that meets a topic
        // only after its first metadata exchange waits up to a second (librdkafka's topic scan).
        var schedules = HeartbeatSchedule.spread(
            count: count, intervalSeconds: spec.heartbeatIntervalSeconds, start: elapsed(), firstDelaySeconds: 0)
        var sampler = ResourceSampler()
        var usage = sampler.sample(wallSeconds: elapsed())
        var sampledAt = elapsed()
        // A fleet's heartbeats leave in ticks at most 50 ms apart (a twentieth of the interval for short
        // ones). librdkafka wakes its broker thread and sends a ProduceRequest for each partition a tick
        // touches, so fewer, fuller ticks are cheaper. 1,000 nodes at 1 s: 10 ms ticks cost
        // 106-137 µs CPU per heartbeat, 50 ms ticks 58-68 µs. A heartbeat is at most one tick late, and
        // it stays on its node's grid.
        let granularity = min(0.05, spec.heartbeatIntervalSeconds / 20)
        while !Task.isCancelled {
            let now = elapsed()
            var next = Double.infinity
            for position in 0..<count {
                if schedules[position].isDue(at: now) {
                    // One /proc read per second serves the whole fleet (the usage is the process's).
                    if now - sampledAt >= 1 {
                        usage = sampler.sample(wallSeconds: now)
                        sampledAt = now
                    }
                    beat(position, due: schedules[position].nextDue, usage: usage)
                    schedules[position].sent(at: now)
                }
                next = min(next, schedules[position].nextDue)
            }
            // Waking for every heartbeat of a large fleet (one a millisecond for 1,000 nodes at 1 s) costs
            // more than the heartbeats: wake at most once per `granularity` and send what is due.
            let wait = max(next - elapsed(), granularity)
            if wait > 0 {
                do {
                    try await Task.sleep(for: .microseconds(Int64(wait * 1_000_000)))
                } catch {
                    return
                }
            }
        }
    }

    private func beat(_ position: Int, due: Double, usage: ResourceUsage) {
        let (admission, node) = state.admitHeartbeat(at: position)
        guard admission == .send else {
            metrics.heartbeatsSkipped.increment()
            return
        }
        // Degraded only on evidence of an outage: the first heartbeat leaves before the first probe has
        // answered, and a heartbeat that reaches the registry is itself proof that Kafka was reachable.
        let degraded = state.snapshot.connectivity.state == .unreachable
        let payload = NodeHeartbeat(
            nodeID: node.profile.nodeID, nodeType: node.profile.nodeType,
            healthStatus: degraded ? .degraded : .healthy, uptimeSeconds: Int64(elapsed()),
            lastActivityTimestamp: node.lastActivity, activeOperations: node.activeOperations, resourceUsage: usage,
            metadata: ["version": .string(node.profile.nodeVersion), "environment": .string(spec.environment)],
            epoch: node.profile.epoch)
        publish(.heartbeat(payload)) { result in
            switch result {
            case .success:
                self.state.heartbeatSettled(at: position, acknowledged: .now())
                self.metrics.heartbeatLag.set(to: self.elapsed() - due)
            case .failure:
                self.state.heartbeatSettled(at: position, acknowledged: nil)
            }
        }
    }

    // MARK: registry requests

    private func requestLoop() async {
        guard options.settings.enableIntrospection else { return }
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let events: [KafkaConsumerEvent]
                do throws(BridgeError) {
                    events = try await consumer.poll(maxEvents: 100, timeout: .milliseconds(100))
                } catch {
                    logger.error("registry request consumer failed", metadata: ["error": "\(error.message)"])
                    guard (try? await Task.sleep(for: .seconds(1))) != nil else { return }
                    continue
                }
                for event in events {
                    switch event {
                    case .message(let message):
                        guard let value = message.value else { continue }
                        receive(value, position: message.position, group: &group)
                    case .offsetOutOfRange(let position, let detail):
                        logger.error(
                            "registry requests lost to retention",
                            metadata: ["kafka.position": "\(position)", "error": "\(detail)"])
                    default:
                        continue
                    }
                }
            }
            group.cancelAll()
        }
    }

    private func receive(_ value: [UInt8], position: TopicPartitionOffset, group: inout DiscardingTaskGroup) {
        let envelope: EventEnvelope
        do throws(ContractViolation) {
            envelope = try EventCodec.decode(value)
        } catch {
            logger.warning(
                "ignoring an invalid registry request",
                metadata: ["kafka.position": "\(position)", "error": "\(error.description)"])
            return
        }
        guard case .request(let request) = envelope.payload else { return }
        logger.info(
            "registry request",
            metadata: [
                "request.registry_id": "\(request.registryID)", "request.reason": "\(request.reason.rawValue)",
                "request.correlation_id": "\(request.correlationID?.description ?? "")",
                "request.response_timeout_ms": "\(request.responseTimeoutMilliseconds)",
            ])
        for (position, decision) in state.decide(request, eventID: envelope.eventID) {
            switch decision {
            case .ignore:
                metrics.requestsIgnored.increment()
            case .answer(let delay, let correlation):
                let correlationID = correlation ?? envelope.correlationID
                group.addTask {
                    guard (try? await Task.sleep(for: .milliseconds(delay))) != nil else { return }
                    self.answer(position, correlationID: correlationID)
                }
            }
        }
    }

    private func answer(_ position: Int, correlationID: EventUUID?) {
        guard !stopping.load(ordering: .sequentiallyConsistent), let node = state.node(at: position) else { return }
        let payload = spec.introspection(
            of: node.profile, reason: .registryRequest, uptimeSeconds: elapsed(), correlationID: correlationID)
        metrics.requestsAnswered.increment()
        publish(.introspection(payload), correlationID: correlationID)
    }

    // MARK: connectivity

    private func connectivityLoop() async {
        var listening = false
        while !Task.isCancelled {
            let transition: KafkaConnectivity.Transition?
            do throws(BridgeError) {
                let metadata = try await consumer.metadata(timeout: options.probeTimeout)
                transition = state.withConnectivity { $0.probeSucceeded() }
                if !listening, options.settings.enableIntrospection {
                    listening = await listenForRequests(metadata)
                }
            } catch {
                transition = state.withConnectivity { $0.probeFailed(error.message) }
            }
            handle(transition)
            guard (try? await Task.sleep(for: options.probeInterval)) != nil else { return }
        }
    }

    /// Assigns every partition of the request topic at its current end: requests published before
    /// this node (re)started are never answered.
    private func listenForRequests(_ metadata: KafkaClusterMetadata) async -> Bool {
        let name = options.topics.registryRequest
        guard let topic = metadata.topic(name), topic.error == nil, !topic.partitions.isEmpty else {
            logger.warning("registry request topic not found; will look again", metadata: ["kafka.topic": "\(name)"])
            return false
        }
        do throws(BridgeError) {
            let ends = try await consumer.watermarks(topic.topicPartitions, timeout: options.probeTimeout)
            try consumer.assign(ends.map { TopicPartitionOffset($0.topicPartition, offset: $0.high) })
        } catch {
            logger.warning(
                "could not start reading registry requests; will retry",
                metadata: ["kafka.topic": "\(name)", "error": "\(error.message)"])
            return false
        }
        state.setListeningForRequests()
        logger.info(
            "listening for registry requests",
            metadata: ["kafka.topic": "\(name)", "kafka.partitions": "\(topic.partitions.count)"])
        return true
    }

    // MARK: shutdown

    private func sendShutdowns() async {
        let count = state.count
        let acknowledged = Atomic<Int>(0)
        for position in 0..<count {
            guard let node = state.node(at: position) else { continue }
            let payload = NodeShutdown(
                nodeID: node.profile.nodeID, nodeType: node.profile.nodeType, reason: .shutdown,
                epoch: node.profile.epoch)
            publish(.shutdown(payload)) { result in
                if case .success = result { acknowledged.add(1, ordering: .relaxed) }
            }
        }
        let flushed = await publisher?.producer.flush(timeout: options.shutdownFlushTimeout) ?? true
        let done = acknowledged.load(ordering: .relaxed)
        logger.info(
            "node stopped",
            metadata: [
                "node.shutdowns_acknowledged": "\(done)", "node.count": "\(count)", "kafka.flushed": "\(flushed)",
            ])
        onEvent(.stopped(shutdownsAcknowledged: done, nodes: count))
    }
}

/// Counts acknowledgements of one announcement round; `record` is true exactly once, for the last.
final class AnnouncementTally: Sendable {
    private let remaining: Atomic<Int>

    init(expected: Int) {
        remaining = Atomic(expected)
    }

    func record() -> Bool {
        remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0
    }
}

import BridgeCore
import BridgeEvents
import Foundation
import Logging
import Synchronization

/// Nodes inside the test process, for registry tests that need many of them: each announces,
/// heartbeats every `heartbeatInterval` (uptime growing) and answers registry requests once, at a
/// random moment in the request's window, with its correlation id — as `node run` does. Nodes can
/// be silenced (a crash as the registry sees it). Talks to the broker over real Kafka protocol.
public final class NodeFleetEmulator: Sendable {
    public let ids: [String]
    public let heartbeatInterval: Double
    /// The envelope environment of every event the fleet publishes.
    public let environment: String
    /// Every node announced so far (`ids` and later `announce` calls): these heartbeat and answer.
    private let members = Mutex<[String]>([])
    private let producer: KafkaProducer
    private let requestReader: KafkaConsumer
    private let topics = TopicNames()
    private let silenced = Mutex<Set<String>>([])
    private let answers = Mutex<[EventUUID: Set<String>]>([:])
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let startedAt = Date()

    public init(brokers: String, ids: [String], heartbeatInterval: Double = 1, environment: String = "dev") throws {
        self.ids = ids
        self.heartbeatInterval = heartbeatInterval
        self.environment = environment
        // The fleet lives through the outages tests cause: its clients' complaints are noise there.
        var logger = Logger(label: "test.fleet")
        logger.logLevel = .critical
        producer = try KafkaProducer(
            settings: KafkaSettings(brokers: brokers), options: KafkaProducerOptions(clientID: "test-fleet"),
            logger: logger)
        requestReader = try KafkaConsumer(
            settings: KafkaSettings(brokers: brokers), options: KafkaConsumerOptions(clientID: "test-fleet-requests"),
            logger: logger)
    }

    /// Announces every node (waiting for the broker's acks), then heartbeats and answers requests
    /// until `stop()`.
    public func start() async throws {
        // Requests published from now on are answered; older ones never are.
        try requestReader.assign(
            (0..<12).map { TopicPartitionOffset(topic: topics.registryRequest, partition: Int32($0), offset: -1) })
        try await announce(ids)
        let heartbeats = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(heartbeatInterval * 1e9))
                let quiet = silenced.withLock { $0 }
                let uptime = Int64(Date().timeIntervalSince(startedAt))
                for id in members.withLock({ $0 }) where !quiet.contains(id) {
                    guard let event = try? RegistryStack.heartbeat(id, uptime: uptime, environment: environment) else {
                        continue
                    }
                    try? producer.enqueue(record(event)) { _ in }
                }
            }
        }
        let answering = Task { [self] in
            while !Task.isCancelled {
                guard let events = try? await requestReader.poll(maxEvents: 100, timeout: .milliseconds(100)) else {
                    continue
                }
                for case .message(let message) in events {
                    guard let value = message.value, let envelope = try? EventCodec.decode(value),
                        case .request(let request) = envelope.payload
                    else { continue }
                    answer(request, correlationID: request.correlationID ?? envelope.correlationID)
                }
            }
        }
        tasks.withLock { $0 += [heartbeats, answering] }
    }

    /// Publishes a startup announcement of each node and waits for the acks.
    public func announce(_ nodeIDs: [String], reason: BroadcastReason = .startup) async throws {
        members.withLock { list in list += nodeIDs.filter { !list.contains($0) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in nodeIDs {
                let event = try RegistryStack.introspection(
                    id, port: 9300, heartbeatInterval: heartbeatInterval, reason: reason, environment: environment)
                group.addTask { _ = try await self.producer.send(self.record(event), timeout: .seconds(30)) }
            }
            try await group.waitForAll()
        }
    }

    /// These nodes stop heartbeating and answering (as if they crashed).
    public func silence(_ nodeIDs: some Sequence<String>) { silenced.withLock { $0.formUnion(nodeIDs) } }

    /// Nodes that answered the request with this correlation id.
    public func answered(_ correlationID: EventUUID) -> Set<String> { answers.withLock { $0[correlationID] ?? [] } }

    public func stop() async {
        for task in tasks.withLock({ $0 }) { task.cancel() }
        for task in tasks.withLock({ $0 }) { await task.value }
        _ = await producer.flush(timeout: .seconds(5))
        await requestReader.close()
    }

    private func answer(_ request: RegistryIntrospectionRequest, correlationID: EventUUID?) {
        let quiet = silenced.withLock { $0 }
        let window = Double(request.responseTimeoutMilliseconds) / 1000
        for id in members.withLock({ $0 }) where !quiet.contains(id) {
            if let types = request.targetNodeTypes, !types.contains(.orchestrator) { continue }
            let delay = Double.random(in: 0..<window)
            let task = Task { [self] in
                try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                guard
                    let event = try? RegistryStack.introspection(
                        id, port: 9300, heartbeatInterval: heartbeatInterval, reason: .registryRequest,
                        correlationID: correlationID, environment: environment)
                else { return }
                if (try? await producer.send(record(event), timeout: .seconds(30))) != nil, let correlationID {
                    answers.withLock { _ = $0[correlationID, default: []].insert(id) }
                }
            }
            tasks.withLock { $0.append(task) }
        }
    }

    private func record(_ event: EventEnvelope) -> KafkaRecord {
        KafkaRecord(
            topic: topics.topic(for: event.eventType), key: event.payload.key, value: EventCodec.encode(event))
    }
}

import BridgeCore
import BridgeEvents
import Foundation
import Synchronization

/// A whole two-way-registration stack of real processes for integration tests: `dev broker`,
/// `dev consul`, a fresh database on the throwaway PostgreSQL, and `registry run` processes started
/// on demand. The Consul agent can be killed and restarted empty on its port. `stop()` ends all.
public final class RegistryStack: Sendable {
    public let broker: DevBrokerProcess
    public let databaseURL: String
    public let consulPort: Int
    private let consulProcess: Mutex<DevConsulProcess?>
    private let registries = Mutex<[RegistryProcess]>([])

    public var consulURL: String { "http://127.0.0.1:\(consulPort)" }

    private init(broker: DevBrokerProcess, consul: DevConsulProcess, databaseURL: String) {
        self.broker = broker
        self.databaseURL = databaseURL
        consulPort = consul.port
        consulProcess = Mutex(consul)
    }

    /// A fresh database on the throwaway PostgreSQL, unless `databaseURL` names another.
    public static func start(databaseURL: String? = nil) async throws -> RegistryStack {
        let database: String
        if let databaseURL { database = databaseURL } else { database = try await TestPostgres.freshDatabase("reg") }
        let broker = try await DevBrokerProcess.start()
        do {
            let consul = try await DevConsulProcess.start()
            return RegistryStack(broker: broker, consul: consul, databaseURL: database)
        } catch {
            await broker.stop()
            throw error
        }
    }

    /// Starts a stack, runs `body`, and stops everything whether `body` succeeded or threw.
    public static func with<T>(
        databaseURL: String? = nil, _ body: (RegistryStack) async throws -> T
    ) async throws -> T {
        let stack = try await start(databaseURL: databaseURL)
        do {
            let result = try await body(stack)
            await stack.stop()
            return result
        } catch {
            await stack.stop()
            throw error
        }
    }

    /// The flags that point a bridgectl command at this stack.
    public var connectionArguments: [String] {
        ["--brokers", broker.bootstrap, "--consul", "127.0.0.1:\(consulPort)", "--postgres-url", databaseURL]
    }

    /// Starts `registry run` on a free port and waits until its consumer owns partitions.
    public func startRegistry(
        _ extra: [String] = [], port: Int? = nil, environment: [String: String] = [:]
    ) async throws -> RegistryProcess {
        let port = port ?? FreePort.allocate()
        let process = try BridgectlBinary.spawn(
            ["registry", "run", "--port", String(port), "-X", "session.timeout.ms=6000"] + connectionArguments + extra,
            environment: environment)
        let registry = RegistryProcess(process: process, port: port)
        registries.withLock { $0.append(registry) }
        try await registry.waitUntilConsuming()
        return registry
    }

    /// SIGKILLs the Consul agent and starts an empty one on the same port.
    public func restartConsulEmpty(downFor seconds: Double = 0) async throws {
        let old = consulProcess.withLock { $0 }
        old?.process.signal(SIGKILL)
        _ = try? await old?.process.waitForExit(timeout: 10)
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) }
        let fresh = try await DevConsulProcess.start(port: consulPort)
        consulProcess.withLock { $0 = fresh }
    }

    /// SIGKILLs the Consul agent (restart it with `startConsul()`).
    public func killConsul() async {
        let old = consulProcess.withLock { current -> DevConsulProcess? in
            defer { current = nil }
            return current
        }
        old?.process.signal(SIGKILL)
        _ = try? await old?.process.waitForExit(timeout: 10)
    }

    public func startConsul() async throws {
        let fresh = try await DevConsulProcess.start(port: consulPort)
        consulProcess.withLock { $0 = fresh }
    }

    public func stop() async {
        for registry in registries.withLock({ $0 }) { await registry.process.stop() }
        if let consul = consulProcess.withLock({ $0 }) { await consul.stop() }
        await broker.stop()
    }

    // MARK: - Reading the stores with independent clients

    /// `psql` (unaligned, tuples only).
    public func psql(_ sql: String) throws -> String { try TestPostgres.psql(databaseURL, sql) }

    /// `curl` GET on the Consul API, parsed as JSON.
    public func consulJSON(_ path: String) async throws -> Any {
        let response = try await CurlTool.get(consulURL + path)
        guard response.status == 200 else {
            throw CurlTool.Failure(description: "GET \(path) answered \(response.status): \(response.body)")
        }
        return try JSONSerialization.jsonObject(with: Data(response.body.utf8), options: [.fragmentsAllowed])
    }

    /// The IDs of the services the agent holds (`/v1/agent/services`).
    public func consulServiceIDs() async throws -> Set<String> {
        let services = try await consulJSON("/v1/agent/services") as? [String: Any] ?? [:]
        return Set(services.keys)
    }

    /// Check ID → status (`/v1/agent/checks`).
    public func consulCheckStatuses() async throws -> [String: String] {
        let checks = try await consulJSON("/v1/agent/checks") as? [String: [String: Any]] ?? [:]
        return checks.compactMapValues { $0["Status"] as? String }
    }

    /// Node ids of live rows (`deregistered_at IS NULL`).
    public func liveRowIDs() throws -> Set<String> {
        Set(
            try psql("SELECT node_id FROM node_registrations WHERE deregistered_at IS NULL").split(separator: "\n")
                .map(String.init))
    }

    // MARK: - Producing events as nodes would

    /// Produces envelopes with kcat (a librdkafka client that is not ours), keyed by node id.
    public func produce(_ envelopes: [EventEnvelope], topic: String) async throws {
        let lines = envelopes.map { "\($0.payload.key)\t\(String(decoding: EventCodec.encode($0), as: UTF8.self))" }
        for chunk in stride(from: 0, to: lines.count, by: 5_000) {
            let result = try await Kcat.produce(
                brokers: broker.bootstrap, topic: topic, lines: Array(lines[chunk..<min(chunk + 5_000, lines.count)]),
                keyDelimiter: "\t")
            guard result.status == 0 else {
                throw CurlTool.Failure(description: "kcat produce failed: \(result.stderr)")
            }
        }
    }

    /// A contract-valid NODE_INTROSPECTION of `nodeID`.
    public static func introspection(
        _ nodeID: String, type: NodeType = .orchestrator, port: Int = 8060, heartbeatInterval: Double = 30,
        reason: BroadcastReason = .startup, correlationID: EventUUID? = nil, extraMetadata: [String: JSONValue] = [:],
        environment: String = "dev"
    ) throws -> EventEnvelope {
        var fields = IntrospectionFields()
        fields.nodeID = nodeID
        fields.nodeType = type.rawValue
        fields.endpoints = [
            "health": "http://127.0.0.1:\(port)/health", "api": "http://127.0.0.1:\(port)",
            "metrics": "http://127.0.0.1:\(port)/metrics",
        ]
        fields.capabilities = NodeProfile.standardCapabilities(for: type)
        fields.metadata = extraMetadata.merging(["heartbeat_interval_seconds": .double(heartbeatInterval)]) { a, _ in a
        }
        fields.broadcastReason = reason
        fields.correlationID = correlationID
        return try ContractEventBuilder.build(
            type: .nodeIntrospection, payload: fields.payload(),
            envelope: .init(environment: environment, sourceVersion: "1.0.0", correlationID: correlationID))
    }

    /// A contract-valid NODE_HEARTBEAT of `nodeID`.
    public static func heartbeat(
        _ nodeID: String, type: NodeType = .orchestrator, uptime: Int64 = 1, environment: String = "dev"
    ) throws -> EventEnvelope {
        let fields = HeartbeatFields(nodeID: nodeID, nodeType: type.rawValue, uptimeSeconds: uptime)
        return try ContractEventBuilder.build(
            type: .nodeHeartbeat, payload: fields.payload(),
            envelope: .init(environment: environment, sourceVersion: "1.0.0"))
    }
}

/// One `bridgectl registry run` child process.
public final class RegistryProcess: Sendable {
    public let process: SpawnedProcess
    public let port: Int

    init(process: SpawnedProcess, port: Int) {
        self.process = process
        self.port = port
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `GET /health` with curl: (HTTP status, parsed body).
    public func health() async throws -> (status: Int, body: [String: Any]) {
        let response = try await CurlTool.get(baseURL + "/health")
        let body = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] ?? [:]
        return (response.status, body)
    }

    /// `GET /metrics` with curl: sample name with labels → value.
    public func metrics() async throws -> [String: Double] {
        let response = try await CurlTool.get(baseURL + "/metrics")
        var samples: [String: Double] = [:]
        for line in response.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// Waits until the registry runs and its consumer owns partitions.
    public func waitUntilConsuming(timeout: Double = 60) async throws {
        try await Wait.until("registry on port \(port) to consume", timeout: timeout, interval: 0.1) {
            guard process.isRunning else {
                throw CurlTool.Failure(description: "registry exited: \(process.stderr.suffix(2000))")
            }
            guard FreePort.isListening(port), let health = try? await health() else { return false }
            let consumer = health.body["consumer"] as? [String: Any]
            let assigned = consumer?["assigned_partitions"] as? [Any] ?? []
            return (health.body["phase"] as? String) == "running" && !assigned.isEmpty
        }
    }

    /// Waits until the consumer lag the registry reports is 0 and it committed since `after`.
    public func waitUntilCaughtUp(timeout: Double = 60) async throws {
        try await Wait.until("registry on port \(port) to catch up", timeout: timeout, interval: 0.1) {
            guard let health = try? await health() else { return false }
            let consumer = health.body["consumer"] as? [String: Any]
            return (consumer?["lag"] as? Int) == 0 && consumer?["last_commit"] as? String != nil
        }
    }
}

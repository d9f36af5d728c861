import BridgeEvents
import Foundation
import Logging
import Synchronization

/// What every scenario shares: the run's node-id prefix (unique per run, so a run counts and
/// cleans only what it created), a producer, a PostgreSQL connection for polling and recounting, an
/// HTTP client for Consul watches and the registry's `/metrics`, the clock, and the progress sink
/// (the CLI decides how progress lines are shown; the library never prints).
public final class BenchSession: Sendable {
    public let stack: BenchStack
    public let scenario: String
    public let prefix: String
    public let clock = BenchClock()
    public let producer: KafkaProducer
    public let postgres: PostgresConnection
    public let http: CurlHTTPClient
    public let progress: @Sendable (String) -> Void
    let logger: Logger
    private let created = Mutex<Int>(0)

    private init(
        stack: BenchStack, scenario: String, prefix: String, producer: KafkaProducer, postgres: PostgresConnection,
        http: CurlHTTPClient, progress: @escaping @Sendable (String) -> Void, logger: Logger
    ) {
        self.stack = stack
        self.scenario = scenario
        self.prefix = prefix
        self.producer = producer
        self.postgres = postgres
        self.http = http
        self.progress = progress
        self.logger = logger
    }

    deinit { http.shutdown() }

    /// Connects to PostgreSQL (exit 69 if unreachable), checks that Consul answers, and makes the
    /// producer. `lingerMilliseconds` 0 for latency runs (every message leaves at once), more for
    /// load (batches).
    public static func open(
        stack: BenchStack, scenario: String, lingerMilliseconds: Int, prefix: String? = nil,
        progress: @escaping @Sendable (String) -> Void, logger: Logger
    ) async throws(BridgeError) -> BenchSession {
        let postgres = try await PostgresConnection.connect(stack.postgres, logger: logger)
        let http = CurlHTTPClient(
            configuration: .init(
                maximumConnections: 6, connectTimeout: .seconds(3), requestTimeout: .seconds(30),
                userAgent: "bridgectl-bench"))
        do {
            let answer = try await http.send(
                HTTPClientRequest(method: "GET", url: stack.consul.baseURL + "/v1/status/leader"))
            guard answer.status == 200 else {
                throw BridgeError.unavailable(
                    "Consul at \(stack.consul.baseURL) answered \(answer.status) to /v1/status/leader.")
            }
        } catch let error as BridgeError {
            http.shutdown()
            throw error
        } catch {
            http.shutdown()
            throw .unavailable(
                "Consul at \(stack.consul.baseURL) does not answer (\(error)); check --consul or CONSUL_HTTP_ADDR.")
        }
        let producer = try KafkaProducer(
            settings: stack.kafka,
            options: KafkaProducerOptions(
                clientID: "bridgectl-bench", lingerMilliseconds: lingerMilliseconds, maxBufferedMessages: 1_000_000,
                maxBufferedKilobytes: 1_048_576),
            logger: logger)
        // Also the check that Kafka answers (exit 69 if not).
        _ = try await producer.loadMetadata()
        let tag = String(EventUUID.random().description.prefix(8))
        return BenchSession(
            stack: stack, scenario: scenario, prefix: prefix ?? "bench-\(scenario)-\(tag)-", producer: producer,
            postgres: postgres, http: http, progress: progress, logger: logger)
    }

    /// The run's `index`th node id (`bench-fleet-1a2b3c4d-000042`).
    public func nodeID(_ index: Int) -> String {
        let digits = String(index)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func events(heartbeatIntervalSeconds: Double) throws(BridgeError) -> BenchNodeEvents {
        try BenchNodeEvents(
            environment: stack.environment, topics: stack.topics, heartbeatIntervalSeconds: heartbeatIntervalSeconds)
    }

    /// Node ids of the warm-up registrations (outside the run's prefix, so recounts see only the run).
    public var warmUpPrefix: String { prefix.replacingOccurrences(of: "bench-\(scenario)-", with: "bench-warmup-") }

    /// Announces a few nodes and waits until both stores hold them, so that what is measured does
    /// not include a fresh stack's first-time costs (topics the registry's consumer has not seen
    /// yet are found by its next metadata refresh, up to a second later; first connections).
    public func warmUp(count: Int = 3, timeoutSeconds: Double = 30) async throws(BridgeError) {
        let events = try events(heartbeatIntervalSeconds: 3600)
        let ids = (0..<count).map { warmUpPrefix + String($0) }
        let poll = PostgresRegistrationPoll(connection: postgres, clock: clock, minimumInterval: 0.005)
        poll.expect(ids)
        poll.start()
        defer { poll.stop() }
        for id in ids { try await send(events.introspection(id)) }
        let deadline = clock.now + timeoutSeconds
        var inConsul: Set<String> = []
        while clock.now < deadline {
            for id in ids where !inConsul.contains(id) {
                if await LatencyScenario.agentHolds(id, session: self) { inConsul.insert(id) }
            }
            if inConsul.count == ids.count, poll.unseenCount == 0 { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        throw .failure(
            "the warm-up registrations did not reach both stores within \(Int(timeoutSeconds)) s; is a registry consuming from \(stack.kafka.brokers)?"
        )
    }

    /// Records that the run announced `count` more nodes (what `--cleanup` shuts down).
    func noteCreated(_ count: Int) { created.withLock { $0 += count } }
    public var createdCount: Int { created.withLock { $0 } }

    /// A watch of the run's instances of `serviceName` whose checks pass
    /// (`/v1/health/service/<name>?passing`, filtered on the prefix: the agent reads only that
    /// service's instances and wakes the watch only for changes to it).
    public func watchRunInConsul(serviceName: String, minimumInterval: Double) -> ConsulPassingWatch {
        ConsulPassingWatch(
            consul: stack.consul, http: http,
            path: "/v1/health/service/\(PercentEncoding.encodeComponent(serviceName))?passing",
            filter: "Service.ID contains \"\(prefix)\"", clock: clock, minimumInterval: minimumInterval)
    }

    /// Sends a record and waits for the broker's acknowledgement.
    public func send(_ record: KafkaRecord) async throws(BridgeError) {
        _ = try await producer.send(record, timeout: .seconds(30))
    }

    /// Queues a record; `acknowledged` runs on the producer's thread with the time of the ack (nil on failure).
    public func enqueue(_ record: KafkaRecord, acknowledged: @escaping @Sendable (Double?) -> Void) throws(BridgeError)
    {
        let clock = self.clock
        try producer.enqueue(record) { result in
            switch result {
            case .success: acknowledged(clock.now)
            case .failure: acknowledged(nil)
            }
        }
    }

    // MARK: - Recounting, from the stores themselves

    /// Live rows whose node id starts with the run's prefix.
    public func postgresCount() async throws(BridgeError) -> Int {
        let result = try await postgres.execute(
            "SELECT count(*) FROM node_registrations WHERE left(node_id, length($1)) = $1 AND deregistered_at IS NULL",
            [prefix])
        return Int(result.rows.first?.first??.description ?? "") ?? 0
    }

    /// Catalog instances of the run's service whose ID starts with the prefix.
    public func consulCount(serviceName: String) async throws(BridgeError) -> Int {
        var query = HTTPQuery()
        query.append("filter", "ServiceID contains \"\(prefix)\"")
        var headers: [(name: String, value: String)] = []
        if let token = stack.consul.token, !token.isEmpty { headers.append((name: "X-Consul-Token", value: token)) }
        let url =
            stack.consul.baseURL + "/v1/catalog/service/" + PercentEncoding.encodeComponent(serviceName) + "?"
            + query.encoded
        do {
            let response = try await http.send(HTTPClientRequest(method: "GET", url: url, headers: headers))
            guard response.status == 200 else {
                throw BridgeError.unavailable("Consul answered \(response.status) to the catalog recount.")
            }
            return Set(ConsulPassingWatch.serviceIDs(in: response.body)).count
        } catch let error as BridgeError {
            throw error
        } catch {
            throw .unavailable("Consul at \(stack.consul.baseURL) did not answer the catalog recount: \(error)")
        }
    }

    // MARK: - The registry, when known

    public func registryMetrics() async -> RegistryMetricsScrape? {
        guard let url = stack.registryURL else { return nil }
        return await RegistryMetricsScrape.fetch(url, http: http)
    }

    public func registrySample() -> ProcessSample? {
        stack.registryPID.flatMap { ProcessSample.read(pid: $0) }
    }

    // MARK: - Describing and ending the run

    /// Machine and versions for the report.
    public func describe(bridgectlVersion: String) async -> (machine: JSONValue, versions: [String: String]) {
        var versions = [
            "bridgectl": bridgectlVersion, "librdkafka": KafkaLibraryVersion.current,
            "libcurl": CurlHTTPClient.libraryVersion,
        ]
        if let server = try? await postgres.serverVersion() { versions["postgresql_server"] = server }
        return (MachineDescription.current(), versions)
    }

    /// NODE_SHUTDOWN for each of the run's first `count` nodes (the registry deregisters them in both
    /// stores, as for any node that stops). Nothing else is touched.
    public func cleanup(count: Int) async throws(BridgeError) {
        let events = try events(heartbeatIntervalSeconds: 30)
        for index in 0..<count {
            try producer.enqueue(events.shutdown(nodeID(index))) { _ in }
        }
        for index in 0..<3 { try producer.enqueue(events.shutdown(warmUpPrefix + String(index))) { _ in } }
        _ = await producer.flush(timeout: .seconds(30))
    }
}

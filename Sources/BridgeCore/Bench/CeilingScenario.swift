import BridgeEvents

/// `bench ceilings`: what the registry's two stores can take on their own, through the same client
/// code the registry uses, so that the registry's throughput can be read against them:
/// `NodeRegistrationStore.upsert` of new rows at several batch sizes (the rows are the run's own
/// and are deleted afterwards), and `ConsulClient` registrations and TTL passes over 1 and N kept-alive
/// connections (on services of a name of the run's own, deregistered afterwards).
public struct CeilingScenario: Sendable {
    public var rows: Int
    public var batchSizes: [Int]
    public var services: Int
    public var passes: Int
    public var connections: Int

    public init(
        rows: Int = 10_000, batchSizes: [Int] = [1, 100, 1000], services: Int = 2000, passes: Int = 20_000,
        connections: Int = 8
    ) {
        self.rows = rows
        self.batchSizes = batchSizes
        self.services = services
        self.passes = passes
        self.connections = connections
    }

    public var configuration: [String: JSONValue] {
        [
            "rows": .int(Int64(rows)), "batch_sizes": .array(batchSizes.map { .int(Int64($0)) }),
            "services": .int(Int64(services)), "ttl_passes": .int(Int64(passes)),
            "connections": .int(Int64(connections)),
        ]
    }

    public func run(_ session: BenchSession) async throws(BridgeError) -> BenchReport {
        let startedAt = EventTimestamp.now()
        var measurements: [BenchMeasurement] = []
        measurements += try await postgres(session)
        measurements += try await consul(session)
        return BenchReport(
            scenario: "ceilings", startedAt: startedAt, configuration: configuration, measurements: measurements)
    }

    private func postgres(_ session: BenchSession) async throws(BridgeError) -> [BenchMeasurement] {
        let events = try session.events(heartbeatIntervalSeconds: 3600)
        var measurements: [BenchMeasurement] = []
        for batchSize in batchSizes {
            let count = batchSize == 1 ? min(rows, 2000) : rows
            var writes: [IntrospectionWrite] = []
            writes.reserveCapacity(count)
            for index in 0..<count {
                let id = session.prefix + "pg\(batchSize)-\(index)"
                guard let value = events.introspection(id).value,
                    let envelope = try? EventCodec.decode(value), case .introspection(let node) = envelope.payload
                else { throw .failure("the benchmark's own introspection template did not decode") }
                writes.append(
                    IntrospectionWrite(
                        event: AppliedEvent(
                            eventID: envelope.eventID, eventTimestamp: envelope.eventTimestamp,
                            environment: envelope.environment, payload: node),
                        consulServiceID: id, consulState: .registered))
            }
            let store = NodeRegistrationStore(connection: session.postgres, batchSize: batchSize)
            let started = session.clock.now
            for chunk in stride(from: 0, to: count, by: max(batchSize, 1000)) {
                try await store.upsert(Array(writes[chunk..<min(chunk + max(batchSize, 1000), count)]))
                session.progress(
                    "ceilings: PostgreSQL batch \(batchSize): \(min(chunk + max(batchSize, 1000), count))/\(count) rows"
                )
            }
            let seconds = session.clock.now - started
            measurements.append(
                BenchMeasurement(
                    "pg_upsert.batch\(batchSize)_per_s", Double(count) / seconds, unit: "rows/s",
                    better: .higher))
            // These rows were written by this run, not by the registry: they go again.
            try await session.postgres.execute(
                "DELETE FROM node_registrations WHERE left(node_id, length($1)) = $1", [session.prefix + "pg"])
        }
        return measurements
    }

    private func consul(_ session: BenchSession) async throws(BridgeError) -> [BenchMeasurement] {
        var measurements: [BenchMeasurement] = []
        let name = String(session.prefix.dropLast()) + "-ceiling"
        let ids = (0..<services).map { session.prefix + "svc-\($0)" }
        for connectionCount in Set([1, connections]).sorted() {
            let client = ConsulClient(settings: session.stack.consul, maximumConnections: connectionCount)
            defer { client.shutdown() }
            let registerSeconds = try await Self.parallel(ids.count, workers: connectionCount, session.clock) {
                (index) throws(ConsulError) in
                try await client.register(
                    ConsulServiceDefinition(
                        id: ids[index], name: name, tags: ["bench"], address: "127.0.0.1", port: 9,
                        check: ConsulCheckDefinition(.ttl(.seconds(600)), initialStatus: .passing)))
            }
            session.progress("ceilings: Consul, \(connectionCount) connection(s): \(ids.count) registered")
            let passSeconds = try await Self.parallel(passes, workers: connectionCount, session.clock) {
                (index) throws(ConsulError) in
                try await client.updateTTL(checkID: "service:\(ids[index % ids.count])", status: .passing)
            }
            session.progress("ceilings: Consul, \(connectionCount) connection(s): \(passes) TTL passes")
            _ = try await Self.parallel(ids.count, workers: connectionCount, session.clock) {
                (index) throws(ConsulError) in
                try await client.deregister(serviceID: ids[index])
            }
            measurements.append(
                BenchMeasurement(
                    "consul_register.\(connectionCount)conn_per_s", Double(ids.count) / registerSeconds, unit: "req/s",
                    better: .higher))
            measurements.append(
                BenchMeasurement(
                    "consul_ttl_pass.\(connectionCount)conn_per_s", Double(passes) / passSeconds, unit: "req/s",
                    better: .higher))
        }
        return measurements
    }

    /// Runs `count` operations with `workers` callers, worker w taking indexes w, w + workers, …;
    /// returns the seconds.
    private static func parallel(
        _ count: Int, workers: Int, _ clock: BenchClock,
        _ operation: @escaping @Sendable (Int) async throws(ConsulError) -> Void
    ) async throws(BridgeError) -> Double {
        let started = clock.now
        let failure: ConsulError? = await withTaskGroup(of: ConsulError?.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in stride(from: worker, to: count, by: workers) {
                        do throws(ConsulError) { try await operation(index) } catch { return error }
                    }
                    return nil
                }
            }
            var first: ConsulError?
            for await result in group where first == nil { first = result }
            return first
        }
        if let failure { throw .unavailable("Consul failed during the ceiling measurement: \(failure.description)") }
        return clock.now - started
    }
}

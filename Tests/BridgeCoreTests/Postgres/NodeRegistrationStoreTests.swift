import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Logging
import Testing

/// Against the real throwaway PostgreSQL (scripts/test starts it and sets DATABASE_URL).
@Suite(
    "PostgreSQL: migrations and the registration store",
    .enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
struct NodeRegistrationStoreTests {
    static func at(_ seconds: Int64) -> EventTimestamp {
        EventTimestamp(microsecondsSinceEpoch: 1_764_000_000_000_000 + seconds * 1_000_000)
    }

    static func intro(
        _ id: String, at t: Int64, version: String = "1.0.0", epoch: Int64? = nil, event: EventUUID = .random()
    )
        -> IntrospectionWrite
    {
        let node = NodeIntrospection(
            nodeID: id, nodeType: .reducer, nodeVersion: version,
            endpoints: ["health": try! EndpointURL.parse("http://127.0.0.1:8061/health").get()],
            metadata: ["broadcast_reason": "startup"], timestamp: at(t), epoch: epoch)
        return IntrospectionWrite(
            event: AppliedEvent(eventID: event, eventTimestamp: at(t), environment: "dev", payload: node),
            consulServiceID: id, consulState: .registered)
    }

    static func beat(_ id: String, at t: Int64, uptime: Int64 = 5, ops: Int64 = 1) -> AppliedEvent<NodeHeartbeat> {
        AppliedEvent(
            eventID: .random(), eventTimestamp: at(t), environment: "dev",
            payload: NodeHeartbeat(
                nodeID: id, nodeType: .reducer, healthStatus: .degraded, uptimeSeconds: uptime,
                lastActivityTimestamp: at(t),
                activeOperations: ops, timestamp: at(t)))
    }

    func migratedStore() async throws -> (NodeRegistrationStore, String) {
        let url = try await TestPostgres.freshDatabase("store")
        let connection = try await TestPostgres.connect(url)
        _ = try await SchemaMigrator().migrate(connection)
        return (NodeRegistrationStore(connection: connection), url)
    }

    /// Inserts and updates on node_registrations as PostgreSQL's statistics count them. The writer
    /// flushes its counters first (a backend reports them only when idle, at most once a second).
    func writeCounters(_ url: String, writer: NodeRegistrationStore) async throws -> (inserts: Int, updates: Int) {
        try await writer.connection.execute("SELECT pg_stat_force_next_flush()")
        try await writer.connection.execute("SELECT 1")
        let probe = try await TestPostgres.connect(url)
        let row = try await probe.execute(
            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'node_registrations'"
        ).records.first
        return (Int(row?.int("n_tup_ins") ?? -1), Int(row?.int("n_tup_upd") ?? -1))
    }

    @Test func migrationsTwiceChangeNothing() async throws {
        let url = try await TestPostgres.freshDatabase("migrate")
        let connection = try await TestPostgres.connect(url)
        let first = try await SchemaMigrator().migrate(connection)
        #expect(first.allSatisfy(\.pending) && first.count == RegistrySchema.migrations.count)
        let catalog = "SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = 'public'::regnamespace"
        let recorded = try TestPostgres.psql(
            url, "SELECT version, checksum, applied_at FROM schema_migrations ORDER BY 1")
        let objects = try TestPostgres.psql(url, catalog)
        let second = try await SchemaMigrator().migrate(connection)
        #expect(second.allSatisfy { !$0.pending })
        #expect(
            try TestPostgres.psql(url, "SELECT version, checksum, applied_at FROM schema_migrations ORDER BY 1")
                == recorded)
        #expect(try TestPostgres.psql(url, catalog) == objects)
        let dry = try await SchemaMigrator().migrate(connection, dryRun: true)
        #expect(dry.allSatisfy { !$0.pending })
    }

    @Test func seedQueriesWorkAsWritten() async throws {
        let (store, url) = try await migratedStore()
        try await store.upsert([Self.intro("orchestrator-test-1", at: 1)])
        let listing = try TestPostgres.psql(
            url, "SELECT tool_id, node_type, created_at FROM tool_registrations ORDER BY created_at DESC;")
        #expect(listing.hasPrefix("orchestrator-test-1|reducer|"))
        let one = try TestPostgres.psql(url, "SELECT * FROM tool_registrations WHERE tool_id = 'orchestrator-test-1';")
        #expect(one.contains("orchestrator-test-1") && one.contains("registered"))
    }

    @Test func newerAppliesOlderIsIgnoredAndReplaysWriteNothing() async throws {
        let (store, url) = try await migratedStore()
        let newest = Self.intro("n1", at: 10, version: "2.0.0")
        #expect(try await store.upsert([newest]) == ["n1"])
        let before = try await writeCounters(url, writer: store)
        #expect(before.inserts == 1)
        // An older event, and the same event replayed: nothing changes.
        #expect(try await store.upsert([Self.intro("n1", at: 5, version: "1.0.0")]).isEmpty)
        #expect(try await store.upsert([newest]).isEmpty)
        let row = try #require(try await store.node("n1"))
        #expect(row.nodeVersion == "2.0.0")
        #expect(row.lastEventID == newest.event.eventID.description)
        let after = try await writeCounters(url, writer: store)
        #expect(after.updates == before.updates && after.inserts == before.inserts)
        // A lower epoch is stale even when newer in time; a higher epoch wins even when older.
        #expect(try await store.upsert([Self.intro("n2", at: 10, epoch: 2)]) == ["n2"])
        #expect(try await store.upsert([Self.intro("n2", at: 20, version: "9.9.9", epoch: 1)]).isEmpty)
        #expect(try await store.upsert([Self.intro("n2", at: 1, version: "3.0.0", epoch: 3)]) == ["n2"])
        #expect(try await store.node("n2")?.nodeVersion == "3.0.0")
    }

    @Test func identicalReplaysOfABatchWriteZeroRows() async throws {
        let (store, url) = try await migratedStore()
        let batch = (0..<1000).map { Self.intro("node-\($0)", at: 1) }
        #expect(try await store.upsert(batch).count == 1000)
        let before = try await writeCounters(url, writer: store)
        for _ in 0..<3 { #expect(try await store.upsert(batch).isEmpty) }
        let after = try await writeCounters(url, writer: store)
        #expect(after.updates == before.updates && after.inserts == before.inserts)
    }

    @Test func batchesCoalesceANodeToItsNewest() async throws {
        let (store, _) = try await migratedStore()
        let applied = try await store.upsert([
            Self.intro("n1", at: 3, version: "3.0.0"), Self.intro("n1", at: 1, version: "1.0.0"),
            Self.intro("n1", at: 2, version: "2.0.0"),
        ])
        #expect(applied == ["n1"])
        #expect(try await store.node("n1")?.nodeVersion == "3.0.0")
    }

    @Test func heartbeatsMoveTheRowAndShutdownsSoftDelete() async throws {
        let (store, _) = try await migratedStore()
        try await store.upsert([Self.intro("n1", at: 1)])
        #expect(try await store.applyHeartbeats([Self.beat("n1", at: 2, uptime: 30, ops: 4)]) == ["n1"])
        var row = try #require(try await store.node("n1"))
        #expect(row.uptimeSeconds == 30 && row.activeOperations == 4 && row.healthStatus == "degraded")
        #expect(row.lastHeartbeat == Self.at(2).formatted)
        // An older heartbeat is ignored.
        #expect(try await store.applyHeartbeats([Self.beat("n1", at: 1, uptime: 1)]).isEmpty)
        let shutdown = ShutdownWrite(
            event: AppliedEvent(
                eventID: .random(), eventTimestamp: Self.at(3), environment: "dev",
                payload: NodeShutdown(nodeID: "n1", nodeType: .reducer, timestamp: Self.at(3))),
            consulState: .deregistered)
        #expect(try await store.softDelete([shutdown]) == ["n1"])
        row = try #require(try await store.node("n1"))
        #expect(row.isDeregistered && row.healthStatus == "deregistered" && row.consulState == "deregistered")
        // A heartbeat does not resurrect it; a newer announcement does.
        #expect(try await store.applyHeartbeats([Self.beat("n1", at: 4)]).isEmpty)
        #expect(try await store.upsert([Self.intro("n1", at: 5)]) == ["n1"])
        #expect(try await store.node("n1")?.isDeregistered == false)
    }

    @Test func consulStateAndFilters() async throws {
        let (store, _) = try await migratedStore()
        try await store.upsert([Self.intro("a", at: 1), Self.intro("b", at: 1), Self.intro("c\"quote", at: 1)])
        #expect(try await store.setConsulState(.pendingRegister, nodeIDs: ["a", "c\"quote"]) == 2)
        #expect(try await store.setConsulState(.pendingRegister, nodeIDs: ["a"]) == 0)
        let pending = try await store.list().filter { $0.consulState == "pending_register" }.map(\.nodeID)
        #expect(pending == ["a", "c\"quote"])
        #expect(try await store.list(NodeRegistrationFilter(nodeType: "reducer")).count == 3)
        #expect(try await store.list(NodeRegistrationFilter(environment: "prod")).isEmpty)
        #expect(try await store.list(NodeRegistrationFilter(silentForSeconds: 60)).count == 3)
    }

    @Test func aServerRestartInTheMiddleOfUpsertsLosesNothing() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.destroy() }
        let connection = try await TestPostgres.connect(cluster.url)
        connection.reconnectFor = .seconds(60)
        _ = try await SchemaMigrator().migrate(connection)
        let store = NodeRegistrationStore(connection: connection, batchSize: 50)
        let writer = Task {
            var written = 0
            for batch in 0..<40 {
                let rows = (0..<50).map { Self.intro("node-\(batch)-\($0)", at: Int64(batch)) }
                written += try await store.upsert(rows).count
                try await Task.sleep(for: .milliseconds(20))
            }
            return written
        }
        try await Task.sleep(for: .milliseconds(200))
        try cluster.stop()
        try await Task.sleep(for: .seconds(1))
        try cluster.start()
        let written = try await writer.value
        #expect(written <= 2000 && written > 0)
        let count = try TestPostgres.psql(cluster.url, "SELECT count(*) FROM node_registrations")
        #expect(count == "2000")
    }
}

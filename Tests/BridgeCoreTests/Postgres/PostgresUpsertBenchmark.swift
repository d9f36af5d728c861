import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// Batched vs single-row upserts of 10,000 registrations (docs/PERFORMANCE.md). Runs only with
/// BRIDGECTL_BENCH=1 (and DATABASE_URL): it measures, it does not judge.
@Suite(
    "PostgreSQL upsert benchmark",
    .enabled(if: ProcessInfo.processInfo.environment["BRIDGECTL_BENCH"] == "1" && TestPostgres.baseURL != nil))
struct PostgresUpsertBenchmark {
    @Test func batchedVersusSingleRow() async throws {
        let rows = 10_000
        for batchSize in [1, 100, 500, 1000] {
            let url = try await TestPostgres.freshDatabase("bench")
            let connection = try await TestPostgres.connect(url)
            _ = try await SchemaMigrator().migrate(connection)
            let store = NodeRegistrationStore(connection: connection, batchSize: batchSize)
            let writes = (0..<rows).map { NodeRegistrationStoreTests.intro("bench-node-\($0)", at: 1) }
            let started = ContinuousClock.now
            var written = 0
            for chunk in stride(from: 0, to: rows, by: batchSize) {
                written += try await store.upsert(Array(writes[chunk..<min(chunk + batchSize, rows)])).count
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            #expect(written == rows)
            print(
                "postgres-upsert batch=\(batchSize) rows=\(rows) seconds=\(seconds) rows_per_s=\(Int(Double(rows) / seconds))"
            )
        }
    }
}

import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@Suite("db migrate and inspect postgres", .serialized)
struct PostgresCommandTests {
    @Test(
        "unreachable server, unknown database, password in the URL: one line, exit 69, no password",
        arguments: [
            "postgresql://bridge:hunter2-secret@127.0.0.1:1/bridge",
            "host=127.0.0.1 port=1 user=bridge password=hunter2-secret dbname=bridge",
        ])
    func unreachable(_ url: String) async throws {
        for command in [["db", "migrate"], ["inspect", "postgres"]] {
            let result = try await BridgectlBinary.run(command + ["--postgres-url", url], timeout: 30)
            #expect(result.status == ExitStatus.unavailable.rawValue)
            #expect(!result.stderr.contains("hunter2"), "password printed: \(result.stderr)")
            #expect(!result.stdout.contains("hunter2"))
            #expect(result.stderr.split(separator: "\n").count == 1, "not one line: \(result.stderr)")
            #expect(result.stderr.contains("unreachable"))
        }
    }

    @Test func wrongPasswordIsOneLineExit69AndNeverPrinted() async throws {
        let cluster = try PrivatePostgresCluster(password: "right-password")
        defer { cluster.destroy() }
        let url = "postgresql://postgres:hunter2-wrong@127.0.0.1:\(cluster.port)/postgres"
        let wrong = try await BridgectlBinary.run(["db", "migrate", "--postgres-url", url])
        #expect(wrong.status == ExitStatus.unavailable.rawValue)
        #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("hunter2") && !wrong.stdout.contains("hunter2"))
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        let right = try await BridgectlBinary.run(
            [
                "db", "migrate", "--postgres-url",
                "postgresql://postgres:right-password@127.0.0.1:\(cluster.port)/postgres",
            ])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(!right.stdout.contains("right-password") && right.stdout.contains("postgres:***@"))
    }

    @Test(.enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
    func unknownDatabaseWithPasswordFromTheSeedVariables() async throws {
        let base = try #require(TestPostgres.baseURL)
        let port = try #require(URLComponents(string: base)?.port)
        let result = try await BridgectlBinary.run(
            ["db", "migrate"],
            environment: [
                "DATABASE_URL": "", "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": String(port),
                "POSTGRES_DB": "no_such_database", "POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "hunter2-secret",
            ])
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(result.stderr.contains("no_such_database"))
        #expect(!result.stderr.contains("hunter2"))
    }

    @Test(.enabled(if: TestPostgres.baseURL != nil, "\(TestPostgres.skipReason)"))
    func migrateTwiceThenInspect() async throws {
        let url = try await TestPostgres.freshDatabase("cli")
        let first = try await BridgectlBinary.run(["db", "migrate", "--postgres-url", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 migration(s) applied"))
        let second = try await BridgectlBinary.run(["db", "migrate", "--postgres-url", url, "--output", "json"])
        #expect(second.status == 0)
        #expect(second.stdout.contains(#""state":"already applied""#))
        #expect(!second.stdout.contains(#""state":"applied""#))
        _ = try TestPostgres.psql(
            url,
            "INSERT INTO node_registrations (node_id, node_type, environment, health_status) "
                + "VALUES ('orchestrator-test-1', 'orchestrator', 'dev', 'healthy')")
        let table = try await BridgectlBinary.run(["inspect", "postgres", "--postgres-url", url])
        #expect(table.status == 0)
        #expect(table.stdout.contains("orchestrator-test-1"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let json = try await BridgectlBinary.run(
            ["inspect", "postgres", "--postgres-url", url, "--type", "reducer", "--output", "json"])
        #expect(json.status == 0 && json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let bad = try await BridgectlBinary.run(["inspect", "postgres", "--postgres-url", url, "--type", "router"])
        #expect(bad.status == ExitStatus.usage.rawValue)
    }
}

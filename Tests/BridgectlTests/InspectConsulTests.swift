import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl inspect consul", .serialized)
struct InspectConsulTests {
    /// A dev agent holding three services: two passing orchestrators and one critical reducer with a
    /// very long ID.
    static func populatedAgent() async throws -> DevConsulProcess {
        let agent = try await DevConsulProcess.start()
        let bodies = [
            #"{"ID":"orchestrator-test-1","Name":"orchestrator","Address":"127.0.0.1","Port":8060,"Check":{"TTL":"60s","Status":"passing"}}"#,
            #"{"ID":"orchestrator-test-2","Name":"orchestrator","Address":"127.0.0.1","Port":8061,"Check":{"TTL":"60s","Status":"passing"}}"#,
            #"{"ID":"reducer-with-a-very-long-node-identifier-0001","Name":"reducer-service-name-that-is-long","Address":"10.20.30.40","Port":18062,"Check":{"TTL":"60s"}}"#,
        ]
        for body in bodies {
            let response = try await CurlTool.put(agent.baseURL + "/v1/agent/service/register", body)
            #expect(response.status == 200)
        }
        return agent
    }

    @Test func tableListsServicesWithStatusAndFits80Columns() async throws {
        let agent = try await Self.populatedAgent()
        let result = try await BridgectlBinary.run(["inspect", "consul", "--consul", agent.address])
        await agent.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("ID") == true)
        for line in lines { #expect(line.count <= 80, "too wide (\(line.count)): \(line)") }
        #expect(
            lines.contains { $0.hasPrefix("orchestrator-test-1 ") && $0.contains("passing") && $0.hasSuffix("1/1") })
        #expect(
            lines.contains {
                $0.hasPrefix("reducer-with-a-very-lon…") && $0.contains("critical") && $0.hasSuffix("0/1")
            })
        #expect(!lines.contains { $0.hasPrefix("consul ") })
    }

    @Test func jsonCarriesChecksAndFiltersNarrowTheRows() async throws {
        let agent = try await Self.populatedAgent()
        let environment = ["CONSUL_HTTP_ADDR": agent.address]
        let all = try await BridgectlBinary.run(["inspect", "consul", "--output", "json"], environment: environment)
        let critical = try await BridgectlBinary.run(
            ["inspect", "consul", "--status", "critical", "--output", "json"], environment: environment)
        let byService = try await BridgectlBinary.run(
            ["inspect", "consul", "--service", "orchestrator", "--output", "json"], environment: environment)
        let byNode = try await BridgectlBinary.run(
            ["inspect", "consul", "--node-id", "orchestrator-test-2", "--output", "json"], environment: environment)
        let unknown = try await BridgectlBinary.run(
            ["inspect", "consul", "--service", "nothing", "--output", "json"], environment: environment)
        await agent.stop()

        func ids(_ output: String) throws -> [String] {
            guard case .array(let rows) = try JSONParser.parse(output) else { return [] }
            return rows.compactMap { $0.objectValue?["id"]?.stringValue }
        }
        #expect(all.status == 0)
        #expect(
            try ids(all.stdout)
                == ["orchestrator-test-1", "orchestrator-test-2", "reducer-with-a-very-long-node-identifier-0001"])
        guard case .array(let rows) = try JSONParser.parse(all.stdout), let first = rows.first?.objectValue else {
            Issue.record("no JSON rows")
            return
        }
        #expect(first["service"] == "orchestrator")
        #expect(first["address"] == "127.0.0.1")
        #expect(first["port"] == 8060)
        #expect(first["status"] == "passing")
        guard case .array(let checks)? = first["checks"] else {
            Issue.record("no checks")
            return
        }
        #expect(
            checks.compactMap { $0.objectValue?["id"]?.stringValue } == ["serfHealth", "service:orchestrator-test-1"])
        #expect(try ids(critical.stdout) == ["reducer-with-a-very-long-node-identifier-0001"])
        #expect(try ids(byService.stdout) == ["orchestrator-test-1", "orchestrator-test-2"])
        #expect(try ids(byNode.stdout) == ["orchestrator-test-2"])
        #expect(unknown.status == 0)
        #expect(try ids(unknown.stdout) == [])
    }

    @Test func anUnreachableAgentIsExit69OnOneLineQuickly() async throws {
        let port = FreePort.allocate()
        let started = ContinuousClock.now
        let result = try await BridgectlBinary.run(["inspect", "consul", "--consul", "127.0.0.1:\(port)"])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("cannot reach Consul at http://127.0.0.1:\(port)"))
    }

    @Test(arguments: [["--status", "sideways"], ["--output", "ndjson"], ["--consul", "127.0.0.1:8500/v1"]])
    func badFlagsAreUsageErrors(_ arguments: [String]) async throws {
        let result = try await BridgectlBinary.run(["inspect", "consul"] + arguments)
        #expect(result.status == ExitStatus.usage.rawValue, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}

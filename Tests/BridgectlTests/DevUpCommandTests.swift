import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// `dev up` / `dev down` (issue 11): the whole embedded stack as real processes, checked with psql and
/// curl; nothing may be left behind.
@Suite(
    "dev up and dev down", .serialized,
    .enabled(if: ThrowawayPostgres.findBinaries() != nil, "PostgreSQL's server binaries are not installed"))
struct DevUpCommandTests {
    static func temporaryStateDirectory() -> String {
        let path = NSTemporaryDirectory() + "bridgectl-devup-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func port(of address: String) -> Int? {
        address.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    @Test func detachedStackRegistersTheDemoNodesAndDevDownLeavesNothing() async throws {
        let state = Self.temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let up = try await BridgectlBinary.run(
            ["dev", "up", "--demo", "4", "--detach", "--state-dir", state, "--heartbeat-interval", "1"], timeout: 120)
        var stack: DevStackFile?
        do {
            #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
            #expect(up.stdout.contains("ready in"))
            #expect(up.stdout.contains("bridgectl dev down --state-dir \(state)"))
            stack = try DevStackFile.load(stateDirectory: state)
            let file = try #require(stack)
            #expect(file.processes.map(\.name) == ["broker", "consul", "registry", "orchestrators", "reducers"])
            #expect(file.processes.allSatisfy { Self.isAlive($0.pid) })

            // Independent clients: psql on the cluster, curl on the agent.
            let rows = try TestPostgres.psql(
                file.postgresURL,
                "SELECT node_id FROM node_registrations WHERE node_id LIKE '%-demo-%' AND deregistered_at IS NULL ORDER BY node_id"
            )
            #expect(rows == "orchestrator-demo-1\norchestrator-demo-2\nreducer-demo-1\nreducer-demo-2")
            let passing = try await CurlTool.get(file.consulURL + "/v1/health/state/passing")
            for id in ["orchestrator-demo-1", "orchestrator-demo-2", "reducer-demo-1", "reducer-demo-2"] {
                #expect(
                    passing.body.contains("\"ServiceID\": \"\(id)\"")
                        || passing.body.contains("\"ServiceID\":\"\(id)\""))
            }
            // Heartbeats keep arriving through the detached stack.
            let before = try TestPostgres.psql(
                file.postgresURL, "SELECT max(last_heartbeat) FROM node_registrations WHERE node_id = 'reducer-demo-2'")
            try await Wait.until("a newer heartbeat of reducer-demo-2", timeout: 10, interval: 0.2) {
                (try? TestPostgres.psql(
                    file.postgresURL,
                    "SELECT max(last_heartbeat) FROM node_registrations WHERE node_id = 'reducer-demo-2'")) != before
            }
            let again = try await BridgectlBinary.run(["dev", "up", "--detach", "--state-dir", state])
            #expect(again.status == 64, "a second stack in the same state directory is refused: \(again.stderr)")
            #expect(again.stderr.contains("already up"))
        } catch {
            _ = try? await BridgectlBinary.run(["dev", "down", "--state-dir", state], timeout: 60)
            throw error
        }

        let down = try await BridgectlBinary.run(["dev", "down", "--state-dir", state], timeout: 60)
        #expect(down.status == 0, "\(down.stdout)\n\(down.stderr)")
        let file = try #require(stack)
        for process in file.processes { #expect(!Self.isAlive(process.pid), "\(process.name) still running") }
        for address in [file.bootstrapServers, file.consulURL, file.registryURL, file.postgresURL] {
            if let port = Self.port(of: address) { #expect(!LoopbackPort.isListening(port), "\(address) still open") }
        }
        if let directory = file.postgresDataDirectory {
            #expect(!FileManager.default.fileExists(atPath: directory), "the throwaway cluster is removed")
        }
        #expect(!FileManager.default.fileExists(atPath: DevStackFile.path(stateDirectory: state)))

        let nothing = try await BridgectlBinary.run(["dev", "down", "--state-dir", state])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("no running stack") && nothing.stderr.split(separator: "\n").count == 1)
    }

    @Test func foregroundStackShowsTheFlowAndStopsEverythingOnCtrlC() async throws {
        let state = Self.temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let up = try BridgectlBinary.spawn(["dev", "up", "--demo", "2", "--state-dir", state])
        do {
            try await up.waitForOutput("the flow (Ctrl-C stops everything):", timeout: 120)
            try await up.waitForOutput("postgresql  reducer-demo-1 (reducer): row written, healthy", timeout: 30)
            #expect(up.stdout.contains("consul      orchestrator-demo-1 (orchestrator): registered, check passing"))
        } catch {
            up.signal(SIGINT)
            _ = try? await up.waitForExit(timeout: 60)
            Issue.record("dev up output: \(up.stdout)\n\(up.stderr)")
            throw error
        }
        let ports = up.stdout.split(separator: "\n").compactMap { line -> Int? in
            let fields = line.split(separator: " ")
            guard fields.count >= 2, ["kafka", "consul", "registry", "postgresql"].contains(String(fields[0])) else {
                guard fields.first == "nodes", let url = fields.last else { return nil }
                return Self.port(of: String(url))
            }
            return Self.port(of: String(fields[1]))
        }
        #expect(ports.count == 6, "broker, agent, cluster, registry and both node processes: \(up.stdout)")
        up.signal(SIGINT)
        let status = try await up.waitForExit(timeout: 60)
        #expect(status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("stopped"))
        for port in ports { #expect(!LoopbackPort.isListening(port), "port \(port) still open") }
    }

    /// SIGTERM or SIGINT while the stack is still starting (PostgreSQL being initdb'd; the registry
    /// not answering yet): every part started so far is stopped and the throwaway cluster is removed.
    /// The signal's default action used to end `dev up` at once and leave them all running.
    @Test(arguments: [("consul.log", SIGTERM), ("registry.log", SIGINT)])
    func stoppedWhileStartingLeavesNothingBehind(startedPart: String, signal: Int32) async throws {
        let state = Self.temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let marker = UUID().uuidString
        defer { for pid in Self.processes(carrying: marker) { kill(pid, SIGKILL) } }
        let up = try BridgectlBinary.spawn(
            ["dev", "up", "--demo", "2", "--state-dir", state], environment: ["BRIDGECTL_TEST_STACK": marker])
        try await Wait.until("dev up to start its \(startedPart.dropLast(4))", timeout: 60, interval: 0.02) {
            FileManager.default.fileExists(atPath: state + "/logs/" + startedPart)
        }
        let started = Self.processes(carrying: marker)
        #expect(started.count >= 2, "at least the broker and the agent were running")
        // The throwaway cluster's folder, from the command lines of initdb, pg_ctl or postgres (-D DIR/data).
        let clusters = Set(
            started.compactMap(Self.commandLine).flatMap { line in
                line.split(separator: " ").filter { $0.hasSuffix("/data") }.map { String($0.dropLast(5)) }
            })
        up.signal(signal)
        let status = try await up.waitForExit(timeout: 60)
        #expect(status == 130, "\(up.stdout)\n\(up.stderr)")
        let reason = up.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            reason.contains("stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM") while starting")
                && reason.contains("everything it had started is stopped"), "\(up.stderr)")
        try await Wait.until("the started parts to be gone", timeout: 15, interval: 0.1) {
            Self.processes(carrying: marker).isEmpty
        }
        if startedPart == "registry.log" { #expect(clusters.count == 1, "PostgreSQL was running") }
        for cluster in clusters {
            #expect(!FileManager.default.fileExists(atPath: cluster), "the throwaway cluster \(cluster) is removed")
        }
    }

    /// Pids of processes whose environment holds `BRIDGECTL_TEST_STACK=marker` (children inherit it).
    static func processes(carrying marker: String) -> [Int32] {
        let needle = "BRIDGECTL_TEST_STACK=\(marker)"
        return pids().filter { pid in
            guard Self.isAlive(pid), let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else {
                return false
            }
            return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == needle }
        }
    }

    static func commandLine(_ pid: Int32) -> String? {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map { data in
            data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }
    }

    static func pids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
            .filter { $0 != getpid() }
    }

    /// Two `dev up` started at the same moment: the second waits for the first to be up, then takes
    /// free ports instead of racing it for the conventional ones (it used to fail on a taken port).
    @Test func twoStacksStartedTogetherBothComeUp() async throws {
        let states = [Self.temporaryStateDirectory(), Self.temporaryStateDirectory()]
        defer { for state in states { try? FileManager.default.removeItem(atPath: state) } }
        async let first = BridgectlBinary.run(["dev", "up", "--detach", "--state-dir", states[0]], timeout: 180)
        async let second = BridgectlBinary.run(["dev", "up", "--detach", "--state-dir", states[1]], timeout: 180)
        let results = try await [first, second]
        var files: [DevStackFile] = []
        for (result, state) in zip(results, states) {
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            if let file = try? DevStackFile.load(stateDirectory: state) { files.append(file) }
        }
        #expect(results.contains { $0.stderr.contains("another 'dev up' is starting on this host") })
        if files.count == 2 {
            #expect(files[0].bootstrapServers != files[1].bootstrapServers)
            #expect(files[0].consulURL != files[1].consulURL)
            #expect(files[0].postgresURL != files[1].postgresURL)
        }
        for state in states {
            let down = try await BridgectlBinary.run(["dev", "down", "--state-dir", state], timeout: 60)
            #expect(
                down.status == 0 || !FileManager.default.fileExists(atPath: DevStackFile.path(stateDirectory: state)))
        }
        #expect(files.count == 2)
    }

    @Test func badValuesAreRefusedInOneLine() async throws {
        let demo = try await BridgectlBinary.run(["dev", "up", "--demo", "-3"])
        #expect(demo.status == 64)
        #expect(demo.stderr.contains("--demo"))
    }

    /// Here, not with the other bench tests: it starts a `dev up` stack on the conventional ports, which
    /// the other stacks of this serialized suite need too.
    @Test
    func embeddedRunsOnAStackOfItsOwnAndLeavesNothing() async throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: json) }
        let result = try await BridgectlBinary.run(
            ["bench", "fleet", "--nodes", "20", "--embedded", "--json", json], timeout: 180)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let values = try BenchScenarioTests.complete(report, scenario: "fleet")
        #expect(values["lost"] == 0)
        let configuration = report["config"] as? [String: Any]
        let brokers = try #require(configuration?["brokers"] as? String)
        let port = try #require(brokers.split(separator: ":").last.flatMap { Int($0) })
        #expect(!LoopbackPort.isListening(port), "the embedded broker is gone after the run")
    }
}

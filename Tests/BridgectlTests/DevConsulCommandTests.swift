import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl dev consul: the command", .serialized)
struct DevConsulCommandTests {
    @Test func helpSaysItIsADevelopmentStandIn() async throws {
        let result = try await BridgectlBinary.run(["dev", "consul", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("development stand-in"))
        #expect(result.stdout.contains("in memory"))
        for option in ["--port", "--bind", "--node-name", "--reap-interval", "--deregister-minimum"] {
            #expect(result.stdout.contains(option), "help lacks \(option)")
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsGracefullyOnSignalsEvenWithOpenConnections(_ signal: Int32) async throws {
        let agent = try await DevConsulProcess.start()
        // A blocking read holds a connection open while the signal arrives.
        let blocked = Task {
            try? await CurlTool.get(agent.baseURL + "/v1/catalog/services?index=1000000&wait=60s")
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        agent.process.signal(signal)
        let status = try await agent.process.waitForExit(timeout: 15)
        #expect(status == 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(!FreePort.isListening(agent.port))
        _ = await blocked.value
        await agent.stop()
    }

    @Test func aPortInUseIsAOneLineError() async throws {
        let agent = try await DevConsulProcess.start()
        let result = try await BridgectlBinary.run(["dev", "consul", "--port", String(agent.port)], timeout: 30)
        await agent.stop()
        #expect(result.status == ExitStatus.failure.rawValue)
        #expect(result.stderr.contains("cannot listen on 127.0.0.1:\(agent.port)"))
        #expect(result.stderr.contains("already in use"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [["--reap-interval", "soon"], ["--deregister-minimum", "1x"], ["--port", "70000"]])
    func badFlagsAreUsageErrors(_ arguments: [String]) async throws {
        let result = try await BridgectlBinary.run(["dev", "consul"] + arguments)
        #expect(result.status == ExitStatus.usage.rawValue)
        #expect(result.stderr.contains(arguments[0]))
    }
}

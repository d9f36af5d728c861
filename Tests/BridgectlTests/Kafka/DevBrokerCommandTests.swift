import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl dev broker", .serialized)
struct DevBrokerCommandTests {
    @Test func startsWithTheContractTopicsAndStopsCleanly() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        let prefix = "dev.omninode_bridge.onex.evt."
        let broker = try await DevBrokerProcess.start(partitions: 3, environment: ["KAFKA_TOPIC_PREFIX": prefix])
        defer { broker.process.signal(SIGKILL) }
        let banner = broker.process.stdout
        #expect(banner.contains("bootstrap: \(broker.bootstrap)\n"))
        #expect(banner.contains("retention: 5 MiB or 100,000 message sets per partition"))
        #expect(banner.contains("topics: 6, 3 partitions each\n"))
        #expect(banner.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(banner.contains("admin: http://127.0.0.1:\(broker.adminPort)"))
        let metadata = try await Kcat.run(["-L", "-b", broker.bootstrap, "-m", "5"])
        #expect(metadata.status == 0, "\(metadata.stderr)")
        for topic in TopicNames(
            introspection: prefix + TopicNames.defaultIntrospection, heartbeat: prefix + TopicNames.defaultHeartbeat,
            registryRequest: prefix + TopicNames.defaultRegistryRequest
        ).all {
            #expect(metadata.stdout.contains("topic \"\(topic)\" with 3 partitions"), "missing \(topic)")
        }
        broker.process.signal(SIGTERM)
        #expect(try await broker.process.waitForExit(timeout: 15) == 0)
        #expect(!FreePort.isListening(broker.port), "the bootstrap port is still open")
        #expect(broker.process.stderr.contains("Dev broker stopped"))
    }

    @Test func downAndUpTakeBrokersOffTheNetworkAndBack() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 2, brokers: 2) { broker in
            let one = try await broker.down("1")
            #expect(one.status == 0, "\(one.stderr)")
            let rows = one.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
            #expect(rows.map { [$0.first!, $0.last!] } == [["1", "down"], ["2", "up"]])
            // Broker 2 still serves the bootstrap port.
            #expect(try await Kcat.run(["-L", "-b", broker.bootstrap, "-m", "5"]).status == 0)

            #expect(try await broker.down().status == 0)
            let refused = try await Kcat.run(["-L", "-b", broker.bootstrap, "-m", "2"])
            #expect(refused.status != 0, "kcat -L succeeded with every broker down")

            let up = try await broker.up()
            #expect(up.status == 0 && !up.stdout.contains("down"), "\(up.stdout)")
            let back = try await Kcat.run(["-L", "-b", broker.bootstrap, "-m", "5"])
            #expect(back.status == 0, "\(back.stderr)")
            #expect(back.stdout.contains("2 brokers"))

            let missing = try await broker.down("9")
            #expect(missing.status == ExitStatus.usage.rawValue)
            #expect(missing.stderr == "bridgectl: There is no broker 9; accepted: 1, 2 or all.\n")
        }
    }

    @Test func adminCommandsWithoutARunningBrokerSaySo() async throws {
        let port = FreePort.allocate()
        let result = try await BridgectlBinary.run(["dev", "broker", "up", "--admin-port", String(port)])
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(result.stderr.hasPrefix("bridgectl: No dev broker admin endpoint answered on 127.0.0.1:\(port)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aBusyPortIsAClearError() async throws {
        try await DevBrokerProcess.with(partitions: 1) { broker in
            let second = try await BridgectlBinary.run(
                ["dev", "broker", "--port", String(broker.port), "--admin-port", String(FreePort.allocate())])
            #expect(second.status == ExitStatus.failure.rawValue)
            #expect(second.stderr.contains("Could not listen on 127.0.0.1:\(broker.port)"))
        }
    }
}

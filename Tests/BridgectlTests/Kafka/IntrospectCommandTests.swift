import BridgeCore
import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl introspect and heartbeat", .serialized)
struct IntrospectCommandTests {
    @Test func whatIntrospectWritesKcatReadsAndTheContractAccepts() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 4) { broker in
            var printed: [String: String] = [:]  // event id → node id
            for index in 0..<5 {
                let node = "orchestrator-\(index)"
                let result = try await BridgectlBinary.run([
                    "introspect", "--brokers", broker.bootstrap, "--node-id", node, "--node-type", "orchestrator",
                    "--endpoint", "health=http://127.0.0.1:8060/health", "--capability",
                    "supported_operations=[\"route\"]",
                    "--metadata", "heartbeat_interval_seconds=5", "--epoch", "2", "--output", "json",
                ])
                #expect(result.status == 0, "\(result.stderr)")
                let object = try #require(try JSONParser.parse(result.stdout).objectValue)
                #expect(object["topic"] == .string(TopicNames.defaultIntrospection))
                #expect(object["offset"]?.integerValue.map { $0 >= 0 } == true)
                printed[try #require(object["event_id"]?.stringValue)] = node
            }
            let read = try await Kcat.consumeAll(
                brokers: broker.bootstrap, topic: TopicNames.defaultIntrospection, format: "%k %s\\n")
            #expect(read.status == 0, "\(read.stderr)")
            let lines = KafkaCommandSupport.lines(read.stdout)
            #expect(lines.count == 5)
            for line in lines {
                let space = try #require(line.firstIndex(of: " "))
                let envelope = try EventCodec.decode(String(line[line.index(after: space)...]))
                #expect(printed[envelope.eventID.description] == String(line[..<space]), "key is the node id")
                guard case .introspection(let payload) = envelope.payload else {
                    Issue.record("not an introspection: \(line)")
                    continue
                }
                #expect(payload.nodeID == printed[envelope.eventID.description])
                #expect(payload.endpoints["health"]?.port == 8060 && payload.epoch == 2)
                #expect(payload.capabilities["supported_operations"] == ["route"])
                #expect(payload.heartbeatIntervalSeconds == 5)
            }
        }
    }

    @Test func contractViolationsExit65WithTheContractLineBeforeConnecting() async throws {
        let nowhere = "127.0.0.1:\(FreePort.allocate())"
        let router = try await BridgectlBinary.run([
            "introspect", "--brokers", nowhere, "--node-id", "n1", "--node-type", "router",
        ])
        #expect(router.status == ExitStatus.invalidData.rawValue)
        #expect(
            router.stderr
                == "bridgectl: payload.node_type: \"router\" is not accepted; expected effect, compute, reducer or orchestrator\n"
        )
        let endpoint = try await BridgectlBinary.run([
            "introspect", "--brokers", nowhere, "--node-id", "n1", "--node-type", "effect", "--endpoint",
            "api=http://0.0.0.0:1/",
        ])
        #expect(endpoint.status == ExitStatus.invalidData.rawValue)
        #expect(endpoint.stderr.hasPrefix("bridgectl: payload.endpoints.api: "))
        let heartbeat = try await BridgectlBinary.run([
            "heartbeat", "--brokers", nowhere, "--node-id", "n1", "--node-type", "effect", "--status", "fine",
        ])
        #expect(heartbeat.status == ExitStatus.invalidData.rawValue)
        #expect(heartbeat.stderr.hasPrefix("bridgectl: payload.health_status: \"fine\""))
    }

    @Test func anUnreachableBrokerExits69InOneLineWithinTheTimeout() async throws {
        let nowhere = "127.0.0.1:\(FreePort.allocate())"
        let started = Date()
        let result = try await BridgectlBinary.run(
            ["introspect", "--brokers", nowhere, "--node-id", "n1", "--node-type", "effect", "--timeout", "2"],
            timeout: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == ExitStatus.unavailable.rawValue)
        #expect(KafkaCommandSupport.lines(result.stderr).count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("bridgectl: Kafka at \(nowhere) did not acknowledge"))
        #expect(result.stdout.isEmpty)
        #expect(elapsed < 10, "took \(elapsed) s with --timeout 2")
    }

    @Test func requestsAskNodesToAnnounceAgain() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 2) { broker in
            let result = try await BridgectlBinary.run([
                "introspect", "--request", "--brokers", broker.bootstrap, "--target-type", "reducer", "--target-type",
                "effect", "--reason", "recovery", "--registry-id", "registry-a", "--response-timeout-ms", "1500",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let fields = Dictionary(
                uniqueKeysWithValues: KafkaCommandSupport.lines(result.stdout).map { line in
                    let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                    return (String(parts[0]), String(parts.last!))
                })
            #expect(fields["event_type"] == "REGISTRY_REQUEST_INTROSPECTION" && fields["key"] == "registry-a")
            let read = try await Kcat.consumeAll(brokers: broker.bootstrap, topic: TopicNames.defaultRegistryRequest)
            let lines = KafkaCommandSupport.lines(read.stdout)
            #expect(lines.count == 1)
            let envelope = try EventCodec.decode(try #require(lines.first))
            guard case .request(let request) = envelope.payload else {
                Issue.record("not a request")
                return
            }
            #expect(request.reason == .recovery && request.targetNodeTypes == [.reducer, .effect])
            #expect(request.responseTimeoutMilliseconds == 1500 && request.registryID == "registry-a")
            #expect(request.correlationID?.description == fields["correlation_id"])
            #expect(envelope.eventID.description == fields["event_id"])
        }
    }

    @Test func aYAMLManifestIsTheBaseAndFlagsWin() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        let manifest = FileManager.default.temporaryDirectory.appendingPathComponent(
            "manifest-\(UUID().uuidString).yaml")
        try """
        node_id: reducer-from-file
        node_type: reducer
        node_version: 2.1.0
        endpoints:
          health: http://127.0.0.1:8061/health
        metadata:
          environment: dev
        """.write(to: manifest, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: manifest) }
        try await DevBrokerProcess.with(partitions: 1) { broker in
            let result = try await BridgectlBinary.run([
                "introspect", "--brokers", broker.bootstrap, "--manifest", manifest.path, "--node-id", "reducer-7",
                "--endpoint", "metrics=http://127.0.0.1:8061/metrics",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let read = try await Kcat.consumeAll(brokers: broker.bootstrap, topic: TopicNames.defaultIntrospection)
            let envelope = try EventCodec.decode(try #require(KafkaCommandSupport.lines(read.stdout).first))
            guard case .introspection(let payload) = envelope.payload else { return }
            #expect(payload.nodeID == "reducer-7" && payload.nodeType == .reducer && payload.nodeVersion == "2.1.0")
            #expect(Set(payload.endpoints.keys) == ["health", "metrics"])
        }
        let missing = try await BridgectlBinary.run(["introspect", "--manifest", "/nonexistent/m.yaml"])
        #expect(missing.status == ExitStatus.usage.rawValue)
    }

    @Test func heartbeatsArePublishedAtTheirInterval() async throws {
        try #require(Kcat.isInstalled, "kcat is needed for this test")
        try await DevBrokerProcess.with(partitions: 3) { broker in
            let result = try await BridgectlBinary.run([
                "heartbeat", "--brokers", broker.bootstrap, "--node-id", "effect-1", "--node-type", "effect", "--count",
                "3", "--interval", "0.3", "--uptime", "100", "--active-operations", "4", "--status", "degraded",
                "--output", "ndjson",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let printed = try KafkaCommandSupport.objects(result.stdout)
            #expect(printed.count == 3)
            #expect(Set(printed.compactMap { $0["partition"] }).count == 1, "one node, one partition")
            let read = try await Kcat.consumeAll(brokers: broker.bootstrap, topic: TopicNames.defaultHeartbeat)
            let beats = try KafkaCommandSupport.lines(read.stdout).map { line -> NodeHeartbeat in
                guard case .heartbeat(let beat) = try EventCodec.decode(line).payload else { throw Unexpected() }
                return beat
            }
            #expect(beats.count == 3)
            #expect(
                beats.allSatisfy { $0.nodeID == "effect-1" && $0.healthStatus == .degraded && $0.activeOperations == 4 }
            )
            #expect(
                beats.map(\.uptimeSeconds) == beats.map(\.uptimeSeconds).sorted() && beats.first!.uptimeSeconds >= 100)
            let spacing = beats.last!.timestamp.microsecondsSinceEpoch - beats.first!.timestamp.microsecondsSinceEpoch
            #expect(spacing >= 500_000, "two intervals of 0.3 s took \(spacing) µs")
        }
    }

    struct Unexpected: Error {}
}

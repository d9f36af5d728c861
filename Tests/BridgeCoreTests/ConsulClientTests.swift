import BridgeCore
import BridgeTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// `ConsulClient` against the dev agent (in this process, over real HTTP): the same client code the
/// registry uses against a real Consul.
@Suite("Consul client against the dev agent", .serialized)
struct ConsulClientTests {
    static func registration(_ id: String, ttl: Int = 30) -> ConsulServiceDefinition {
        ConsulServiceDefinition(
            ServiceRegistration(
                id: id, name: "orchestrator", tags: ["orchestrator", "dev", "bridgectl"], address: "127.0.0.1",
                port: 8060, meta: ["node_type": "orchestrator", "environment": "dev"], check: .ttl(seconds: ttl)))
    }

    static func withAgent(
        reapInterval: GoDuration = DevConsulConfiguration.defaultReapInterval,
        deregisterMinimum: GoDuration = DevConsulConfiguration.defaultDeregisterMinimum,
        _ body: (ConsulClient, DevConsulInProcess) async throws -> Void
    ) async throws {
        let agent = try await DevConsulInProcess.start(reapInterval: reapInterval, deregisterMinimum: deregisterMinimum)
        let client = ConsulClient(settings: agent.settings)
        do {
            try await body(client, agent)
        } catch {
            client.shutdown()
            await agent.stop()
            throw error
        }
        client.shutdown()
        await agent.stop()
    }

    @Test func registersReadsAndDeregistersANode() async throws {
        try await Self.withAgent { client, _ in
            try await client.register(Self.registration("orchestrator-test-1"))
            let services = try await client.agentServices()
            let service = try #require(services["orchestrator-test-1"])
            #expect(service.name == "orchestrator")
            #expect(service.tags == ["orchestrator", "dev", "bridgectl"])
            #expect(service.port == 8060)
            #expect(service.meta["environment"] == "dev")
            #expect(service.datacenter == "dc1")
            let single = try #require(try await client.agentService(id: "orchestrator-test-1"))
            #expect(!single.contentHash.isEmpty)
            let check = try #require(try await client.agentChecks()["service:orchestrator-test-1"])
            #expect(check.status == .passing)
            #expect(check.type == "ttl")
            #expect(check.serviceID == "orchestrator-test-1")

            let catalog = try await client.catalogService(name: "orchestrator")
            #expect(catalog.value.map(\.serviceID) == ["orchestrator-test-1"])
            #expect(catalog.value.first?.servicePort == 8060)
            #expect(catalog.index > 1)
            #expect(catalog.knownLeader)
            let health = try await client.healthService(name: "orchestrator", passingOnly: true)
            #expect(health.value.count == 1)
            #expect(health.value.first?.aggregatedStatus == .passing)
            #expect(health.value.first?.checks.map(\.checkID) == ["serfHealth", "service:orchestrator-test-1"])
            #expect(try await client.catalogServices().value.keys.sorted() == ["consul", "orchestrator"])

            try await client.deregister(serviceID: "orchestrator-test-1")
            #expect(try await client.agentService(id: "orchestrator-test-1") == nil)
            #expect(try await client.agentChecks().isEmpty)
            do throws(ConsulError) {
                try await client.deregister(serviceID: "orchestrator-test-1")
                Issue.record("deregistering an unknown ID succeeded")
            } catch {
                #expect(error.status == 404)
                #expect(
                    error.detail
                        == "Unknown service ID \"orchestrator-test-1\". Ensure that the service ID is passed, not the service name."
                )
                #expect(error.bridgeError.status == .invalidData)
                #expect(!error.bridgeError.message.contains("\n"))
            }
        }
    }

    @Test func ttlPassWarnFailAndUpdateSetStatusAndOutput() async throws {
        try await Self.withAgent { client, _ in
            try await client.register(Self.registration("n1"))
            let checkID = "service:n1"
            try await client.updateTTL(checkID: checkID, status: .warning, note: "slow")
            var check = try #require(try await client.agentChecks()[checkID])
            #expect(check.status == .warning)
            #expect(check.output == "slow")
            try await client.updateTTL(checkID: checkID, status: .critical, note: "down")
            check = try #require(try await client.agentChecks()[checkID])
            #expect(check.status == .critical)
            try await client.updateTTL(checkID: checkID, status: .passing, output: "back & well")
            check = try #require(try await client.agentChecks()[checkID])
            #expect(check.status == .passing)
            #expect(check.output == "back & well")
            let critical = try await client.healthState(.critical)
            #expect(critical.value.isEmpty)
            let any = try await client.healthState(nil)
            #expect(Set(any.value.map(\.checkID)) == ["serfHealth", checkID])
            do throws(ConsulError) {
                try await client.updateTTL(checkID: "nope", status: .passing)
                Issue.record("passing an unknown check succeeded")
            } catch {
                #expect(error.status == 404)
                #expect(error.detail.hasPrefix("Unknown check ID \"nope\""))
            }
        }
    }

    @Test func idsThatNeedEscapingArePercentEncodedInPaths() async throws {
        try await Self.withAgent { client, _ in
            for id in ["node:1", "odd?id#1%2"] {
                try await client.register(Self.registration(id))
                let service = try #require(try await client.agentService(id: id))
                #expect(service.id == id)
                try await client.updateTTL(checkID: "service:\(id)", status: .warning, note: "a note & more")
                let check = try #require(try await client.agentChecks()["service:\(id)"])
                #expect(check.output == "a note & more")
                try await client.deregister(serviceID: id)
                #expect(try await client.agentService(id: id) == nil)
            }
        }
    }

    @Test func consulsRefusalsBecomeInvalidDataWithConsulsText() async throws {
        try await Self.withAgent { client, _ in
            var tooLong = Self.registration("n1")
            tooLong.meta["note"] = String(repeating: "x", count: 513)
            do throws(ConsulError) {
                try await client.register(tooLong)
                Issue.record("a 513-character meta value was accepted")
            } catch {
                #expect(error.status == 400)
                #expect(error.detail.hasPrefix("Invalid Service Meta: Couldn't load metadata pair ('note', "))
                #expect(error.detail.hasSuffix("Value is too long (limit: 512 characters)"))
                #expect(error.bridgeError.status == .invalidData)
                #expect(error.bridgeError.message.contains("refused to register service \"n1\""))
            }
            var anyAddress = Self.registration("n2")
            anyAddress.address = "0.0.0.0"
            do throws(ConsulError) {
                try await client.register(anyAddress)
                Issue.record("0.0.0.0 was accepted")
            } catch {
                #expect(error.status == 400)
                #expect(error.detail == "Invalid service address")
            }
            do throws(ConsulError) {
                _ = try await client.agentServices(filter: #"Service = "orchestrator""#)
                Issue.record("the dev agent accepted a malformed filter")
            } catch {
                // Consul answers a filter that does not parse with 500 (not 400).
                #expect(error.status == 500)
                #expect(error.detail.hasPrefix("Failed to create boolean expression evaluator"))
            }
            #expect(try await client.agentServices(filter: #"Service == "orchestrator""#).isEmpty)
            let remaining = try await client.agentServices()
            #expect(remaining.isEmpty)
        }
    }

    @Test func anUnreachableAgentIsUnavailableQuickly() async throws {
        let port = FreePort.allocate()
        let client = ConsulClient(settings: ConsulSettings(baseURL: "http://127.0.0.1:\(port)"))
        defer { client.shutdown() }
        let started = ContinuousClock.now
        do throws(ConsulError) {
            try await client.register(Self.registration("n1"))
            Issue.record("registered with nothing listening")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(error.bridgeError.status == .unavailable)
            #expect(error.bridgeError.message.contains("cannot reach Consul at http://127.0.0.1:\(port)"))
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func leaderAndAgentSelfDescribeTheDevServer() async throws {
        try await Self.withAgent { client, _ in
            #expect(try await client.leader() == "127.0.0.1:8300")
            let info = try await client.agentSelf()
            #expect(info.datacenter == "dc1")
            #expect(info.nodeName == "bridgectl-test-node")
            #expect(!info.version.isEmpty)
        }
    }

    @Test func replaceExistingChecksDropsChecksNotInTheDefinition() async throws {
        try await Self.withAgent { client, _ in
            try await client.register(Self.registration("n1"))
            var withoutCheck = Self.registration("n1")
            withoutCheck.check = nil
            try await client.register(withoutCheck)
            #expect(try await client.agentChecks().keys.sorted() == ["service:n1"])
            try await client.register(withoutCheck, replaceExistingChecks: true)
            #expect(try await client.agentChecks().isEmpty)
        }
    }

    @Test func blockingReadsWaitForAChangeOrTheirWait() async throws {
        try await Self.withAgent { client, _ in
            let first = try await client.catalogService(name: "orchestrator")
            let started = ContinuousClock.now
            let unchanged = try await client.catalogService(
                name: "orchestrator", ConsulQueryOptions(index: first.index, wait: .seconds(1)))
            let waited = ContinuousClock.now - started
            #expect(unchanged.index == first.index)
            #expect(waited >= .milliseconds(900) && waited < .seconds(5))

            let woken = Task {
                try await client.catalogService(
                    name: "orchestrator", ConsulQueryOptions(index: first.index, wait: .seconds(30)))
            }
            try await Task.sleep(for: .milliseconds(300))
            let registeredAt = ContinuousClock.now
            try await client.register(Self.registration("n1"))
            let changed = try await woken.value
            #expect(ContinuousClock.now - registeredAt < .seconds(5))
            #expect(changed.index > first.index)
            #expect(changed.value.map(\.serviceID) == ["n1"])
        }
    }

    @Test func ttlChecksExpireAndCriticalServicesAreReaped() async throws {
        try await Self.withAgent(reapInterval: .seconds(1), deregisterMinimum: .seconds(1)) { client, _ in
            var definition = Self.registration("short", ttl: 1)
            // Critical for 5 s before the reaper may take it: a poll slowed by a loaded machine still
            // sees the critical state (with 1 s it was sometimes reaped between two polls).
            definition.check?.deregisterCriticalServiceAfter = .seconds(5)
            try await client.register(definition)
            try await client.updateTTL(checkID: "service:short", status: .passing, note: "alive")
            try await Wait.until("the TTL to expire", timeout: 15, interval: 0.1) {
                try await client.agentChecks()["service:short"]?.status == .critical
            }
            let expired = try #require(try await client.agentChecks()["service:short"])
            #expect(expired.output == "TTL expired (last output before timeout follows): alive")
            try await Wait.until("the service to be reaped", timeout: 25, interval: 0.1) {
                try await client.agentService(id: "short") == nil
            }
            #expect(try await client.catalogService(name: "orchestrator").value.isEmpty)
        }
    }

    @Test func httpChecksAreRunAgainstTheirURL() async throws {
        let healthy = Atomic<Bool>(true)
        var router = HTTPRouter()
        router.on(["GET"], "/health") { _ in
            healthy.load(ordering: .relaxed) ? .text(200, "ok") : .text(503, "draining")
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let quiet = Logger(label: "health", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = HTTPServer(configuration: .init(port: 0), router: router, logger: quiet) {
            continuation.yield($0)
            continuation.finish()
        }
        let serverTask = Task { try await server.run() }
        defer { serverTask.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let url = "http://127.0.0.1:\(port)/health"
        try await Self.withAgent { client, _ in
            try await client.register(
                ConsulServiceDefinition(
                    id: "web-1", name: "web", address: "127.0.0.1", port: port,
                    check: ConsulCheckDefinition(.http(url: url, interval: .milliseconds(200)))))
            try await Wait.until("the HTTP check to pass", timeout: 15, interval: 0.1) {
                try await client.agentChecks()["service:web-1"]?.status == .passing
            }
            let passing = try #require(try await client.agentChecks()["service:web-1"])
            #expect(passing.output == "HTTP GET \(url): 200 OK Output: ok")
            #expect(passing.type == "http")
            healthy.store(false, ordering: .relaxed)
            try await Wait.until("the HTTP check to fail", timeout: 15, interval: 0.1) {
                try await client.agentChecks()["service:web-1"]?.status == .critical
            }
            let failing = try #require(try await client.agentChecks()["service:web-1"])
            #expect(failing.output == "HTTP GET \(url): 503 Service Unavailable Output: draining")
        }
    }

    /// The token goes in `X-Consul-Token` and never into errors; queries are percent-encoded.
    @Test func theTokenTravelsInItsHeaderAndNeverIntoErrors() async throws {
        let seen = Mutex<[(token: String?, target: String)]>([])
        var router = HTTPRouter()
        router.on(["GET"], "/v1/agent/services") { request in
            seen.withLock { $0.append((request.header("X-Consul-Token"), request.target)) }
            return .text(403, "Permission denied: token lacks 'service:read'")
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let quiet = Logger(label: "recorder", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = HTTPServer(configuration: .init(port: 0), router: router, logger: quiet) {
            continuation.yield($0)
            continuation.finish()
        }
        let serverTask = Task { try await server.run() }
        defer { serverTask.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let secret = "b1946ac9-2d7b-4c0a-9f0e-secret"
        let client = ConsulClient(settings: ConsulSettings(baseURL: "http://127.0.0.1:\(port)", token: secret))
        defer { client.shutdown() }
        do throws(ConsulError) {
            _ = try await client.agentServices(filter: #"Service == "web""#)
            Issue.record("a 403 was taken for success")
        } catch {
            #expect(error.status == 403)
            #expect(error.bridgeError.status == .failure)
            #expect(!error.bridgeError.message.contains(secret))
            #expect(error.bridgeError.message.contains("Permission denied"))
        }
        let requests = seen.withLock { $0 }
        #expect(requests.count == 1)
        #expect(requests.first?.token == secret)
        #expect(requests.first?.target == "/v1/agent/services?filter=Service%20%3D%3D%20%22web%22")
    }
}

import BridgeTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import BridgeCore

/// The registry's TTL passes, sent off the consuming path (against the dev agent over real HTTP):
/// queued once per node, dropped when the node is removed, failures reported rather than acted on.
@Suite("TTL pass lane")
struct RegistryTTLPassLaneTests {
    static func registration(_ id: String) -> ServiceRegistration {
        ServiceRegistration(
            id: id, name: "reducer", tags: ["reducer", "dev", "bridgectl"], address: "127.0.0.1", port: 8061,
            meta: ["node_type": "reducer", "environment": "dev"], check: .ttl(seconds: 30))
    }

    static func lane(_ client: ConsulClient) -> RegistryTTLPassLane {
        RegistryTTLPassLane(
            writer: RegistryConsulWriter(
                client: client, concurrency: 4, metrics: RegistryMetrics(), logger: Logger(label: "test")))
    }

    static func firstReports(
        _ lane: RegistryTTLPassLane
    ) async throws -> [(
        nodeID: String, report: RegistryTTLPassLane.Report
    )] {
        let reports = Mutex<[(nodeID: String, report: RegistryTTLPassLane.Report)]>([])
        try await Wait.until("a report from the lane", timeout: 15, interval: 0.02) {
            let taken = lane.takeReports()
            return reports.withLock {
                $0 += taken
                return !$0.isEmpty
            }
        }
        return reports.withLock { $0 }
    }

    @Test func queuesOncePerNodeSendsAndDropsCancelledOnes() async throws {
        try await ConsulClientTests.withAgent { client, _ in
            for id in ["lane-a", "lane-b"] {
                try await client.register(ConsulServiceDefinition(Self.registration(id)))
                try await client.updateTTL(checkID: "service:\(id)", status: .critical)
            }
            let lane = Self.lane(client)
            for _ in 0..<50 { lane.enqueue([Self.registration("lane-a"), Self.registration("lane-b")]) }
            #expect(lane.queuedCount == 2, "a node's newer pass replaces the one not sent yet")
            lane.cancel(["lane-b"])
            #expect(lane.queuedCount == 1)

            let worker = Task { await lane.run(batch: 8) }
            defer { worker.cancel() }
            try await Wait.until("lane-a's check to pass", timeout: 10, interval: 0.02) {
                try await client.agentChecks()["service:lane-a"]?.status == .passing
            }
            #expect(lane.queuedCount == 0)
            #expect(try await client.agentChecks()["service:lane-b"]?.status == .critical, "its pass was dropped")
            #expect(lane.takeReports().isEmpty)

            // Queued after the worker went idle: the doorbell wakes it.
            lane.enqueue([Self.registration("lane-b")])
            try await Wait.until("lane-b's check to pass", timeout: 10, interval: 0.02) {
                try await client.agentChecks()["service:lane-b"]?.status == .passing
            }
        }
    }

    @Test func anUnknownCheckIsReportedNotRegistered() async throws {
        try await ConsulClientTests.withAgent { client, _ in
            let lane = Self.lane(client)
            let worker = Task { await lane.run(batch: 8) }
            defer { worker.cancel() }
            lane.enqueue([Self.registration("lane-gone")])
            let reports = try await Self.firstReports(lane)
            #expect(reports.map(\.nodeID) == ["lane-gone"])
            guard case .unknownCheck(let reason) = reports.first?.report else {
                Issue.record("expected an unknown check: \(reports)")
                return
            }
            #expect(reason.contains("service:lane-gone"))
            #expect(try await client.agentServices()["lane-gone"] == nil, "the lane never registers by itself")
        }
    }

    @Test func anUnreachableAgentIsReported() async throws {
        let client = ConsulClient(settings: ConsulSettings(baseURL: "http://127.0.0.1:\(FreePort.allocate())"))
        defer { client.shutdown() }
        let lane = Self.lane(client)
        let worker = Task { await lane.run(batch: 8) }
        defer { worker.cancel() }
        lane.enqueue([Self.registration("lane-x")])
        let reports = try await Self.firstReports(lane)
        guard case .unreachable = reports.first?.report else {
            Issue.record("expected unreachable: \(reports)")
            return
        }
    }
}

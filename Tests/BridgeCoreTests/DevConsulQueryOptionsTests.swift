import Testing

@testable import BridgeCore

/// Blocking-query parameters as Consul's `parseWait` and consistency parsing read them.
@Suite("Dev Consul query options: wait, index, consistency")
struct DevConsulQueryOptionsTests {
    func options(_ query: String) throws(DevConsulError) -> DevConsulQueryOptions {
        try DevConsulQueryOptions(HTTPQuery(parsing: Substring(query)), datacenter: "dc1")
    }

    @Test func waitDefaultsToFiveMinutesAndIsCappedAtTen() throws {
        #expect(try options("index=5").wait == .seconds(300))
        #expect(try options("index=5&wait=2s").wait == .seconds(2))
        #expect(try options("index=5&wait=1h").wait == .seconds(600))
        #expect(try options("index=5&wait=10m").wait == .seconds(600))
        #expect(try options("index=5").minimumIndex == 5)
        #expect(try options("").minimumIndex == 0)
    }

    @Test func jitterAddsUpToASixteenth() throws {
        let wait = try options("index=1&wait=16s")
        for _ in 0..<200 {
            let jittered = wait.waitWithJitter
            #expect(jittered >= .seconds(16))
            #expect(jittered < .seconds(17))
        }
    }

    @Test func consistencyModesAndErrors() throws {
        #expect(try options("").consistency == .leader)
        #expect(try options("stale").consistency == .stale)
        #expect(try options("consistent").consistency == .consistent)
        #expect(throws: DevConsulError.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.")) {
            try options("stale&consistent")
        }
        #expect(throws: DevConsulError.badRequest("Invalid wait time")) { try options("wait=abc") }
        #expect(throws: DevConsulError.badRequest("Invalid index")) { try options("index=-1") }
        #expect(throws: DevConsulError.internalError("No path to datacenter")) { try options("dc=dc9") }
        #expect(try options("dc=dc1").consistency == .leader)
    }
}

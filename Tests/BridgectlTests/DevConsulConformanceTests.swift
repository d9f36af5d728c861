import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// contracts/consul-api.md §12, driven with the `curl` command-line tool (not our client) against a
/// spawned `bridgectl dev consul`; each test asserts status codes and bodies. Filters (33), KV
/// (48–54) and ACLs (59) are in DevConsulFilterKVACLConformanceTests; txn (55–58) is not served.
@Suite("dev consul conformance (contract §12, over curl)", .serialized)
struct DevConsulConformanceTests {
    struct Agent {
        let process: DevConsulProcess

        func get(_ path: String) async throws -> CurlTool.Response {
            try await CurlTool.get(process.baseURL + path)
        }

        func put(_ path: String, _ body: String? = nil) async throws -> CurlTool.Response {
            try await CurlTool.put(process.baseURL + path, body)
        }

        func request(_ method: String, _ path: String) async throws -> CurlTool.Response {
            try await CurlTool.request(method, process.baseURL + path)
        }

        /// Registers and requires a 200 with an empty body.
        func register(_ body: String, query: String = "") async throws {
            let response = try await put("/v1/agent/service/register" + query, body)
            #expect(response.status == 200, "register \(body): \(response.status) \(response.body)")
            #expect(response.body.isEmpty)
        }

        func json(_ path: String) async throws -> JSONValue {
            let response = try await get(path)
            #expect(response.status == 200, "\(path): \(response.status) \(response.body)")
            #expect(response.header("Content-Type") == "application/json")
            return try JSONParser.parse(response.body)
        }

        func check(_ id: String) async throws -> [String: JSONValue] {
            let checks = try #require(try await json("/v1/agent/checks").objectValue)
            return try #require(checks[id]?.objectValue, "no check \(id) in \(checks.keys.sorted())")
        }
    }

    func withAgent(_ arguments: [String] = [], _ body: (Agent) async throws -> Void) async throws {
        let process = try await DevConsulProcess.start(arguments)
        do {
            try await body(Agent(process: process))
        } catch {
            await process.stop()
            throw error
        }
        await process.stop()
    }

    func expectText(_ response: CurlTool.Response, _ status: Int, _ body: String, prefix: Bool = false) {
        #expect(response.status == status, "expected \(status), got \(response.status): \(response.body)")
        if prefix {
            #expect(response.body.hasPrefix(body), "body '\(response.body)' lacks prefix '\(body)'")
        } else {
            #expect(response.body == body)
        }
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
    }

    func array(_ value: JSONValue) throws -> [JSONValue] {
        guard case .array(let items) = value else {
            Issue.record("expected an array, got \(value)")
            return []
        }
        return items
    }

    // MARK: - §1 register (items 1–15, 26, 27, 32)

    @Test("1, 2: a valid register is 200 with an empty body; Name alone gives ID = Name and the defaults")
    func registerByName() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"Name":"web"}"#)
            let services = try #require(try await agent.json("/v1/agent/services").objectValue)
            let web = try #require(services["web"]?.objectValue)
            #expect(web["ID"] == "web")
            #expect(web["Service"] == "web")
            #expect(web["Tags"] == [])
            #expect(web["Meta"] == [:])
            #expect(web["Weights"] == ["Passing": 1, "Warning": 1])
            #expect(web["Datacenter"] == "dc1")
            #expect(web["Port"] == 0)
            #expect(web["Address"] == "")
        }
    }

    @Test("3–12: registration errors carry Consul's status and text")
    func registrationErrors() async throws {
        try await withAgent { agent in
            let cases: [(String, String, Bool)] = [
                (#"{"Port":80}"#, "Missing service name", false),
                (#"{"Name":"web""#, "Request decode failed: ", true),
                (#"{"Name": x}"#, "Request decode failed: ", true),
                ("", "Request decode failed: EOF", false),
                (#"{"Name":"web","Foo":1}"#, #"Request decode failed: json: unknown field "Foo""#, false),
                (#"{"Name":"web","Address":"0.0.0.0"}"#, "Invalid service address", false),
                (#"{"Name":"web","Weights":{"Passing":0,"Warning":1}}"#, "Invalid Weights:", true),
                (
                    #"{"Name":"web","Check":{"TTL":"10s","Interval":"10s"}}"#,
                    "Invalid check: Interval and TTL cannot both be specified", true
                ),
                (
                    #"{"Name":"web","Check":{"HTTP":"http://127.0.0.1:1/"}}"#, "Invalid check: Interval must be > 0",
                    true
                ),
                (
                    #"{"Name":"web","Check":{"TTL":"10s","Status":"ok"}}"#,
                    "Status for checks must 'passing', 'warning', 'critical'", false
                ),
            ]
            for (body, message, prefix) in cases {
                expectText(try await agent.put("/v1/agent/service/register", body), 400, message, prefix: prefix)
            }
            // Nothing was registered by any of them.
            #expect(try await agent.json("/v1/agent/services") == [:])
        }
    }

    @Test("7: JSON keys are case-insensitive")
    func caseInsensitiveKeys() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"name":"web","port":80}"#)
            let web = try #require(try await agent.json("/v1/agent/services").objectValue?["web"]?.objectValue)
            #expect(web["Port"] == 80)
            #expect(web["Service"] == "web")
        }
    }

    @Test("13–15: default check IDs and names; TTL checks start critical unless Status is given")
    func defaultCheckIDs() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#)
            let single = try await agent.check("service:web-1")
            #expect(single["Name"] == "Service 'web' check")
            #expect(single["Status"] == "critical")
            #expect(single["Output"] == "")
            #expect(single["ServiceID"] == "web-1")
            try await agent.register(
                #"{"ID":"web-2","Name":"web","Checks":[{"TTL":"30s"},{"TTL":"30s","Status":"passing"}]}"#)
            #expect(try await agent.check("service:web-2:1")["Status"] == "critical")
            #expect(try await agent.check("service:web-2:2")["Status"] == "passing")
        }
    }

    @Test("26, 27: re-registering keeps check status; replace-existing-checks (empty or true) drops missing checks")
    func reRegistration() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#)
            #expect(try await agent.put("/v1/agent/check/pass/service:web-1").status == 200)
            try await agent.register(#"{"ID":"web-1","Name":"web","Tags":["v2"],"Check":{"TTL":"30s"}}"#)
            #expect(try await agent.check("service:web-1")["Status"] == "passing")

            try await agent.register(#"{"ID":"web-1","Name":"web"}"#, query: "?replace-existing-checks=1")
            #expect(try await agent.json("/v1/agent/checks").objectValue?.keys.sorted() == ["service:web-1"])
            try await agent.register(#"{"ID":"web-1","Name":"web"}"#, query: "?replace-existing-checks")
            #expect(try await agent.json("/v1/agent/checks") == [:])
        }
    }

    @Test("32: an IPv4 address adds lan_ipv4 and wan_ipv4 tagged addresses")
    func taggedAddresses() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web","Address":"10.0.0.5","Port":8080}"#)
            let web = try #require(try await agent.json("/v1/agent/services").objectValue?["web-1"]?.objectValue)
            #expect(
                web["TaggedAddresses"]
                    == [
                        "lan_ipv4": ["Address": "10.0.0.5", "Port": 8080],
                        "wan_ipv4": ["Address": "10.0.0.5", "Port": 8080],
                    ])
        }
    }

    @Test("bad input: a Meta value over 512 characters is a 400 naming the key and the limit")
    func metaValueTooLong() async throws {
        try await withAgent { agent in
            let value = String(repeating: "m", count: 513)
            expectText(
                try await agent.put("/v1/agent/service/register", #"{"Name":"web","Meta":{"k":"\#(value)"}}"#), 400,
                "Invalid Service Meta: Couldn't load metadata pair ('k', '\(value)'): Value is too long (limit: 512 characters)"
            )
        }
    }

    // MARK: - §4 TTL checks (items 16–23)

    @Test("16: pass with a note is 200, empty; the check is passing with the note as output")
    func passWithNote() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#)
            let response = try await agent.put("/v1/agent/check/pass/service:web-1?note=ok")
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            let check = try await agent.check("service:web-1")
            #expect(check["Status"] == "passing")
            #expect(check["Output"] == "ok")
            #expect(try await agent.put("/v1/agent/check/warn/service:web-1?note=hmm").status == 200)
            #expect(try await agent.check("service:web-1")["Status"] == "warning")
            #expect(try await agent.put("/v1/agent/check/fail/service:web-1?note=bad").status == 200)
            #expect(try await agent.check("service:web-1")["Output"] == "bad")
        }
    }

    @Test("17, 60: wrong methods are 405 with Allow; OPTIONS is 200 with Allow; unknown routes are 404, empty")
    func methodsAndRoutes() async throws {
        try await withAgent { agent in
            let wrong = try await agent.get("/v1/agent/check/pass/x")
            expectText(wrong, 405, "method GET not allowed")
            #expect(wrong.header("Allow")?.split(separator: ",").contains("PUT") == true)
            let putOnRead = try await agent.put("/v1/catalog/services")
            expectText(putOnRead, 405, "method PUT not allowed")
            #expect(putOnRead.header("Allow") == "OPTIONS,GET")
            let options = try await agent.request("OPTIONS", "/v1/agent/service/register")
            #expect(options.status == 200)
            #expect(options.header("Allow") == "OPTIONS,PUT")
            let missing = try await agent.get("/v1/nope")
            #expect(missing.status == 404)
            #expect(missing.body.isEmpty)
            // Go's mux: unclean paths are redirected, the query kept.
            let unclean = try await agent.get("/v1/agent//services?x=1")
            #expect(unclean.status == 301)
            #expect(unclean.header("Location") == "/v1/agent/services?x=1")
        }
    }

    @Test("18–21: unknown checks 404, non-TTL checks 500, bad update status 400, update sets status and output")
    func ttlUpdateErrorsAndUpdate() async throws {
        try await withAgent { agent in
            expectText(
                try await agent.put("/v1/agent/check/pass/nope"), 404,
                #"Unknown check ID "nope". Ensure that the check ID is passed, not the check name."#)
            try await agent.register(
                #"{"ID":"web-1","Name":"web","Checks":[{"CheckID":"ttl","TTL":"30s"},{"CheckID":"http","HTTP":"http://127.0.0.1:9/","Interval":"1h"}]}"#
            )
            expectText(
                try await agent.put("/v1/agent/check/pass/http"), 500, #"CheckID "http" does not have associated TTL"#)
            expectText(
                try await agent.put("/v1/agent/check/update/ttl", #"{"Status":"bogus"}"#), 400,
                "Invalid check status: 'bogus'")
            expectText(
                try await agent.put("/v1/agent/check/update/ttl", #"{"Status":"passing","Foo":1}"#), 400,
                #"Request decode failed: json: unknown field "Foo""#)
            let update = try await agent.put("/v1/agent/check/update/ttl", #"{"status":"warning","output":"slow"}"#)
            #expect(update.status == 200)
            #expect(update.body.isEmpty)
            let check = try await agent.check("ttl")
            #expect(check["Status"] == "warning")
            #expect(check["Output"] == "slow")
        }
    }

    @Test("22, 23: TTL expiry makes a check critical with 'TTL expired' (quoting the last output)")
    func ttlExpiry() async throws {
        try await withAgent { agent in
            try await agent.register(
                #"{"ID":"a","Name":"svc","Checks":[{"CheckID":"quiet","TTL":"1s"},{"CheckID":"noted","TTL":"1s"}]}"#)
            #expect(try await agent.put("/v1/agent/check/pass/quiet").status == 200)
            #expect(try await agent.put("/v1/agent/check/pass/noted?note=hi").status == 200)
            try await Wait.until("both TTLs to expire", timeout: 20, interval: 0.2) {
                let quiet = try await agent.check("quiet")["Status"]
                let noted = try await agent.check("noted")["Status"]
                return quiet == "critical" && noted == "critical"
            }
            #expect(try await agent.check("quiet")["Output"] == "TTL expired")
            #expect(try await agent.check("noted")["Output"] == "TTL expired (last output before timeout follows): hi")
        }
    }

    @Test("24, 25: a never-updated TTL service is reaped after TTL + max(DeregisterCriticalServiceAfter, minimum)")
    func reaping() async throws {
        // Scaled down: minimum 4s instead of 1m, reaper every 2s instead of 30s; DCSA 1s is raised to 4s.
        try await withAgent(["--deregister-minimum", "4s", "--reap-interval", "2s"]) { agent in
            let registeredAt = ContinuousClock.now
            try await agent.register(
                #"{"ID":"web-1","Name":"web","Check":{"TTL":"1s","DeregisterCriticalServiceAfter":"1s"}}"#)
            #expect(try await agent.check("service:web-1")["Status"] == "critical")
            // 5-7 s here, but a run of the whole suite once took 35 s (another test, spawning its
            // own processes, stalled as long at the same moment): the wait only guards against never.
            try await Wait.until("the service to be reaped", timeout: 90, interval: 0.2) {
                try await agent.json("/v1/agent/services") == [:]
            }
            let elapsed = ContinuousClock.now - registeredAt
            // Never before TTL (1s) + the raised 4s.
            #expect(elapsed > .milliseconds(4900), "reaped after \(elapsed)")
            #expect(try await agent.json("/v1/agent/checks") == [:])
            #expect(try await agent.json("/v1/catalog/service/web") == [])
            #expect(try await agent.json("/v1/catalog/services") == ["consul": []])
        }
    }

    // MARK: - §2, §3 deregister and agent reads (items 28–31)

    @Test("28, 29: deregister of an unknown ID is 404; of a known one 200 and its checks go")
    func deregistration() async throws {
        try await withAgent { agent in
            expectText(
                try await agent.put("/v1/agent/service/deregister/unknown"), 404,
                #"Unknown service ID "unknown". Ensure that the service ID is passed, not the service name."#)
            try await agent.register(#"{"ID":"web-1","Name":"web","Checks":[{"TTL":"30s"},{"TTL":"30s"}]}"#)
            #expect(try await agent.json("/v1/agent/checks").objectValue?.count == 2)
            let response = try await agent.put("/v1/agent/service/deregister/web-1")
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(try await agent.json("/v1/agent/checks") == [:])
            #expect(try await agent.json("/v1/agent/services") == [:])
        }
    }

    @Test("30, 31: single-service reads: 404 for unknown IDs; ContentHash in body and header")
    func singleService() async throws {
        try await withAgent { agent in
            let missing = try await agent.get("/v1/agent/service/unknown")
            #expect(missing.status == 404)
            #expect(missing.body.lowercased().hasPrefix("unknown service id"))
            try await agent.register(#"{"ID":"web-1","Name":"web","Port":8080}"#)
            let response = try await agent.get("/v1/agent/service/web-1")
            #expect(response.status == 200)
            let body = try #require(try JSONParser.parse(response.body).objectValue)
            #expect(body["ID"] == "web-1")
            let hash = try #require(body["ContentHash"]?.stringValue)
            #expect(!hash.isEmpty)
            #expect(response.header("X-Consul-ContentHash") == hash)
            // Agent endpoints carry no index headers.
            #expect(response.header("X-Consul-Index") == nil)
        }
    }

    @Test("bad input: IDs are matched after percent-decoding the path")
    func percentEncodedIDs() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"node:1","Name":"web","Check":{"TTL":"30s"}}"#)
            #expect(try await agent.put("/v1/agent/check/pass/service%3Anode%3A1?note=a%20b").status == 200)
            #expect(try await agent.check("service:node:1")["Output"] == "a b")
            #expect(try await agent.get("/v1/agent/service/node%3A1").status == 200)
            #expect(try await agent.put("/v1/agent/service/deregister/node%3A1").status == 200)
        }
    }

    // MARK: - §5 catalog, §0 index headers and blocking (items 34–41)

    @Test("34, 35: a fresh catalog is {consul: []} with index headers; a missing service is 200 []")
    func freshCatalog() async throws {
        try await withAgent { agent in
            let services = try await agent.get("/v1/catalog/services")
            #expect(services.status == 200)
            #expect(try JSONParser.parse(services.body) == ["consul": []])
            let index = try #require(services.header("X-Consul-Index").flatMap { UInt64($0) })
            #expect(index >= 1)
            #expect(services.header("X-Consul-KnownLeader") == "true")
            #expect(services.header("X-Consul-LastContact") == "0")
            // Pretty-printed, as `consul agent -dev` always does.
            #expect(services.body == "{\n    \"consul\": []\n}\n")
            let missing = try await agent.get("/v1/catalog/service/missing")
            #expect(missing.status == 200)
            #expect(try JSONParser.parse(missing.body) == [])
            #expect(missing.header("X-Consul-Index").flatMap { UInt64($0) } ?? 0 >= 1)
            expectText(try await agent.get("/v1/catalog/service/"), 400, "Missing service name")
        }
    }

    @Test("36: ?tag is repeatable and keeps instances carrying every tag")
    func tagFilter() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"ab","Name":"web","Tags":["a","b"]}"#)
            try await agent.register(#"{"ID":"a","Name":"web","Tags":["a"]}"#)
            let both = try array(try await agent.json("/v1/catalog/service/web?tag=a&tag=b"))
            #expect(both.compactMap { $0.objectValue?["ServiceID"]?.stringValue } == ["ab"])
            let one = try array(try await agent.json("/v1/catalog/service/web?tag=a"))
            #expect(one.count == 2)
        }
    }

    @Test("37, 38: a blocking read waits out ?wait unchanged, or returns early with a larger index on a change")
    func blockingReads() async throws {
        try await withAgent { agent in
            let first = try await agent.get("/v1/catalog/service/web")
            let index = try #require(first.header("X-Consul-Index"))
            let started = ContinuousClock.now
            let unchanged = try await agent.get("/v1/catalog/service/web?index=\(index)&wait=2s")
            let waited = ContinuousClock.now - started
            #expect(unchanged.status == 200)
            #expect(unchanged.header("X-Consul-Index") == index)
            #expect(waited >= .milliseconds(1900), "returned after \(waited)")
            #expect(waited < .seconds(6))

            let blocked = Task { try await agent.get("/v1/catalog/service/web?index=\(index)&wait=30s") }
            try await Task.sleep(for: .milliseconds(500))
            let changedAt = ContinuousClock.now
            try await agent.register(#"{"ID":"web-1","Name":"web"}"#)
            let woken = try await blocked.value
            #expect(ContinuousClock.now - changedAt < .seconds(10))
            let newIndex = try #require(woken.header("X-Consul-Index").flatMap { UInt64($0) })
            #expect(newIndex > UInt64(index)!)
            #expect(try array(try JSONParser.parse(woken.body)).count == 1)
        }
    }

    @Test("39–41: bad wait and index are 400; stale with consistent is 400; Effective-Consistency follows the mode")
    func queryOptions() async throws {
        try await withAgent { agent in
            expectText(try await agent.get("/v1/catalog/services?wait=abc"), 400, "Invalid wait time")
            expectText(try await agent.get("/v1/catalog/services?index=-1"), 400, "Invalid index")
            expectText(
                try await agent.get("/v1/catalog/services?stale&consistent"), 400,
                "Cannot specify ?stale with ?consistent, conflicting semantics.")
            #expect(try await agent.get("/v1/catalog/services").header("X-Consul-Effective-Consistency") == "leader")
            #expect(
                try await agent.get("/v1/catalog/services?stale").header("X-Consul-Effective-Consistency") == "stale")
            #expect(
                try await agent.get("/v1/health/state/any?consistent").header("X-Consul-Effective-Consistency")
                    == "consistent")
        }
    }

    @Test("the index never goes backwards and every write that changes something raises it")
    func indexIsMonotonic() async throws {
        try await withAgent { agent in
            func index() async throws -> UInt64 {
                try #require(
                    try await agent.get("/v1/catalog/services").header("X-Consul-Index").flatMap { UInt64($0) })
            }
            let start = try await index()
            try await agent.register(#"{"ID":"web-1","Name":"web"}"#)
            let afterRegister = try await index()
            #expect(afterRegister > start)
            try await agent.register(#"{"ID":"web-1","Name":"web"}"#)
            #expect(try await index() == afterRegister)
            #expect(try await agent.put("/v1/agent/service/deregister/web-1").status == 200)
            #expect(try await index() > afterRegister)
        }
    }

    // MARK: - §6 health (items 42–45)

    @Test("42: health/service returns Node, Service and Checks, serfHealth included")
    func healthService() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web","Port":8080,"Check":{"TTL":"30s"}}"#)
            let response = try await agent.get("/v1/health/service/web")
            #expect(response.header("X-Consul-Index") != nil)
            let entries = try array(try JSONParser.parse(response.body))
            #expect(entries.count == 1)
            let entry = try #require(entries.first?.objectValue)
            #expect(entry["Node"]?.objectValue?["Node"] == "bridgectl-test-node")
            #expect(entry["Service"]?.objectValue?["ID"] == "web-1")
            let checks = try array(try #require(entry["Checks"]))
            #expect(checks.compactMap { $0.objectValue?["CheckID"]?.stringValue } == ["serfHealth", "service:web-1"])
            #expect(checks.first?.objectValue?["Name"] == "Serf Health Status")
            #expect(checks.first?.objectValue?["Output"] == "Agent alive and reachable")
        }
    }

    @Test("43: ?passing keeps only all-passing entries; ?passing=maybe is 400")
    func passingFilter() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"ok","Name":"web","Check":{"TTL":"30s","Status":"passing"}}"#)
            try await agent.register(#"{"ID":"warn","Name":"web","Check":{"TTL":"30s","Status":"warning"}}"#)
            try await agent.register(#"{"ID":"bad","Name":"web","Check":{"TTL":"30s"}}"#)
            for query in ["?passing", "?passing=true", "?passing=1"] {
                let passing = try array(try await agent.json("/v1/health/service/web" + query))
                #expect(
                    passing.compactMap { $0.objectValue?["Service"]?.objectValue?["ID"]?.stringValue } == ["ok"])
            }
            #expect(try array(try await agent.json("/v1/health/service/web?passing=false")).count == 3)
            expectText(try await agent.get("/v1/health/service/web?passing=maybe"), 400, "Invalid value for ?passing")
        }
    }

    @Test("44: Port 0 is omitted in health but present as ServicePort 0 in the catalog")
    func portZero() async throws {
        try await withAgent { agent in
            try await agent.register(#"{"ID":"web-1","Name":"web"}"#)
            let health = try array(try await agent.json("/v1/health/service/web"))
            #expect(health.first?.objectValue?["Service"]?.objectValue?["Port"] == nil)
            let catalog = try array(try await agent.json("/v1/catalog/service/web"))
            #expect(catalog.first?.objectValue?["ServicePort"] == 0)
        }
    }

    @Test("45: health/state lists checks by state; any includes serfHealth; critical is [] when none")
    func healthState() async throws {
        try await withAgent { agent in
            #expect(try await agent.json("/v1/health/state/critical") == [])
            let any = try array(try await agent.json("/v1/health/state/any"))
            #expect(any.compactMap { $0.objectValue?["CheckID"]?.stringValue } == ["serfHealth"])
            try await agent.register(#"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#)
            let critical = try array(try await agent.json("/v1/health/state/critical"))
            #expect(critical.compactMap { $0.objectValue?["CheckID"]?.stringValue } == ["service:web-1"])
            #expect(try await agent.json("/v1/health/state/passing") == any.first.map { [$0] }.map(JSONValue.array))
        }
    }

    // MARK: - §10 status and agent/self (items 46, 47)

    @Test("46, 47: status/leader is a JSON string; agent/self names dc1 and the node")
    func statusAndSelf() async throws {
        try await withAgent { agent in
            #expect(try await agent.json("/v1/status/leader") == "127.0.0.1:8300")
            #expect(try await agent.json("/v1/status/peers") == ["127.0.0.1:8300"])
            let me = try #require(try await agent.json("/v1/agent/self").objectValue?["Config"]?.objectValue)
            #expect(me["Datacenter"] == "dc1")
            #expect(me["NodeName"] == "bridgectl-test-node")
        }
    }
}

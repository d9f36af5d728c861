import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// contracts/consul-api.md §12 items 33 (filters), 48–54 (KV) and 59 (ACLs), plus the §8 and §11
/// rules around them, driven with the `curl` command-line tool against a spawned
/// `bridgectl dev consul`; each test asserts status codes and bodies.
@Suite("dev consul conformance: filters, KV, ACL (contract §7, §8, §11, over curl)", .serialized)
struct DevConsulFilterKVACLConformanceTests {
    typealias Agent = DevConsulConformanceTests.Agent

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

    func array(_ value: JSONValue) -> [JSONValue] {
        guard case .array(let items) = value else {
            Issue.record("expected an array, got \(value)")
            return []
        }
        return items
    }

    func ids(_ value: JSONValue, _ key: String) -> [String] {
        array(value).compactMap { $0.objectValue?[key]?.stringValue }
    }

    /// `?filter=` with the expression percent-encoded.
    func filtered(_ path: String, _ expression: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return path + (path.contains("?") ? "&" : "?") + "filter="
            + expression.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    func registerFleet(_ agent: Agent) async throws {
        try await agent.register(
            #"{"ID":"web-1","Name":"web","Tags":["v1","primary"],"Port":8080,"Meta":{"version":"1","my-key":"a"},"Check":{"TTL":"30s","Status":"passing"}}"#
        )
        try await agent.register(
            #"{"ID":"web-2","Name":"web","Tags":["v2"],"Port":8081,"Meta":{"version":"2"},"Check":{"TTL":"30s"}}"#)
        try await agent.register(
            #"{"ID":"api-1","Name":"api","Tags":["v2"],"Port":9090,"Meta":{"version":"2"},"Check":{"TTL":"30s","Status":"passing"}}"#
        )
    }

    // MARK: - §11 filters (item 33)

    @Test("33: ?filter on agent/services keeps only matches; an invalid filter is 500 'Failed to create…'")
    func agentServicesFilter() async throws {
        try await withAgent { agent in
            try await registerFleet(agent)
            // The exact encoding the checklist uses.
            let web = try #require(
                try await agent.json("/v1/agent/services?filter=Service%20%3D%3D%20%22web%22").objectValue)
            #expect(web.keys.sorted() == ["web-1", "web-2"])
            #expect(web["web-1"]?.objectValue?["Service"] == "web")
            let cases: [(String, [String])] = [
                (#"Service != "web""#, ["api-1"]),
                (#""v2" in Tags"#, ["api-1", "web-2"]),
                (#""v2" not in Tags"#, ["web-1"]),
                (#"Tags contains "primary""#, ["web-1"]),
                (#"Meta.version == "2" and Service == "web""#, ["web-2"]),
                (#"Meta["my-key"] == "a""#, ["web-1"]),
                (#"Meta["my-key"] is empty"#, ["api-1", "web-2"]),
                (#"Meta["my-key"] is not empty"#, ["web-1"]),
                (#"Service matches "^a""#, ["api-1"]),
                (#"ID not matches "-1$""#, ["web-2"]),
                (#"Port == 9090 or (Service == "web" and not Port == 8080)"#, ["api-1", "web-2"]),
                (#"Weights.Passing == 1"#, ["api-1", "web-1", "web-2"]),
                (#"Service == "nope""#, []),
            ]
            for (expression, expected) in cases {
                let services = try #require(
                    try await agent.json(filtered("/v1/agent/services", expression)).objectValue, "\(expression)")
                #expect(services.keys.sorted() == expected, "\(expression)")
            }
            for invalid in [#"Service = "web""#, #"Service == web-1"#, #"(Service == "web""#, "Service ==", "=="] {
                let response = try await agent.get(filtered("/v1/agent/services", invalid))
                expectText(response, 500, "Failed to create boolean expression evaluator", prefix: true)
            }
        }
    }

    @Test("33: ?filter on agent/checks, catalog (per instance), health and health/state")
    func filtersOnEveryListEndpoint() async throws {
        try await withAgent { agent in
            try await registerFleet(agent)
            let checks = try #require(
                try await agent.json(filtered("/v1/agent/checks", #"Status == "critical""#)).objectValue)
            #expect(checks.keys.sorted() == ["service:web-2"])

            // catalog/services: the filter runs per instance, before the tags are merged.
            let services = try await agent.json(filtered("/v1/catalog/services", #"ServiceMeta.version == "2""#))
            #expect(services == ["api": ["v2"], "web": ["v2"]])
            #expect(
                try await agent.json(filtered("/v1/catalog/services", #"ServiceName == "consul""#)) == ["consul": []])

            let catalog = try await agent.json(filtered("/v1/catalog/service/web", #"ServicePort == 8081"#))
            #expect(ids(catalog, "ServiceID") == ["web-2"])
            let byNode = try await agent.json(filtered("/v1/catalog/service/web", #"Node == "bridgectl-test-node""#))
            #expect(ids(byNode, "ServiceID") == ["web-1", "web-2"])

            // health: Checks.Status matches when any check of the entry does.
            let critical = try await agent.json(filtered("/v1/health/service/web", #"Checks.Status == "critical""#))
            #expect(
                array(critical).compactMap { $0.objectValue?["Service"]?.objectValue?["ID"]?.stringValue } == ["web-2"])
            let byMeta = try await agent.json(filtered("/v1/health/service/web", #"Service.Meta.version == "1""#))
            #expect(array(byMeta).count == 1)

            let state = try await agent.json(filtered("/v1/health/state/any", #"ServiceName == "api""#))
            #expect(ids(state, "CheckID") == ["service:api-1"])
            let response = try await agent.get(filtered("/v1/health/state/any", "ServiceName =="))
            expectText(response, 500, "Failed to create boolean expression evaluator", prefix: true)
            let blank = try await agent.get("/v1/catalog/service/web?filter=")
            #expect(blank.status == 200)
        }
    }

    @Test("§11: the node and check endpoints the contract lists for ?filter are served and filter")
    func nodeAndCheckEndpoints() async throws {
        try await withAgent { agent in
            try await registerFleet(agent)
            let nodes = try await agent.get("/v1/catalog/nodes")
            #expect(nodes.status == 200)
            #expect(nodes.header("X-Consul-Index") != nil)
            #expect(ids(try JSONParser.parse(nodes.body), "Node") == ["bridgectl-test-node"])
            #expect(try await agent.json(filtered("/v1/catalog/nodes", #"Node == "other""#)) == [])

            let node = try #require(try await agent.json("/v1/catalog/node/bridgectl-test-node").objectValue)
            #expect(node["Node"]?.objectValue?["Node"] == "bridgectl-test-node")
            #expect(node["Services"]?.objectValue?.keys.sorted() == ["api-1", "consul", "web-1", "web-2"])
            let onlyWeb = try await agent.json(filtered("/v1/catalog/node/bridgectl-test-node", #"Service == "web""#))
            #expect(onlyWeb.objectValue?["Services"]?.objectValue?.keys.sorted() == ["web-1", "web-2"])
            #expect(try await agent.json("/v1/catalog/node/elsewhere") == .null)

            let nodeChecks = try await agent.json("/v1/health/node/bridgectl-test-node")
            #expect(ids(nodeChecks, "CheckID") == ["serfHealth", "service:api-1", "service:web-1", "service:web-2"])
            let passing = try await agent.json(filtered("/v1/health/node/bridgectl-test-node", #"Status == "passing""#))
            #expect(ids(passing, "CheckID") == ["serfHealth", "service:api-1", "service:web-1"])

            let webChecks = try await agent.json("/v1/health/checks/web")
            #expect(ids(webChecks, "CheckID") == ["service:web-1", "service:web-2"])
            let criticalWeb = try await agent.json(filtered("/v1/health/checks/web", #"Status == "critical""#))
            #expect(ids(criticalWeb, "CheckID") == ["service:web-2"])
            #expect(try await agent.json("/v1/health/checks/missing") == [])
        }
    }

    // MARK: - §8 KV (items 48–54)

    @Test("48–50: put returns true; get is a base64 DirEntry list; ?raw is the bytes; a missing key is 404, empty")
    func kvPutGetRawMissing() async throws {
        try await withAgent { agent in
            let put = try await agent.put("/v1/kv/a/b", "hello")
            #expect(put.status == 200)
            #expect(try JSONParser.parse(put.body) == true)
            let get = try await agent.get("/v1/kv/a/b")
            #expect(get.status == 200)
            #expect(get.header("Content-Type") == "application/json")
            let entries = array(try JSONParser.parse(get.body))
            let entry = try #require(entries.first?.objectValue)
            #expect(entries.count == 1)
            #expect(entry["Key"] == "a/b")
            #expect(entry["Value"] == "aGVsbG8=")
            #expect(entry["Flags"] == 0)
            #expect(entry["LockIndex"] == 0)
            let modifyIndex = try #require(entry["ModifyIndex"].flatMap { if case .int(let i) = $0 { i } else { nil } })
            #expect(entry["CreateIndex"] == entry["ModifyIndex"])
            #expect(get.header("X-Consul-Index") == String(modifyIndex))
            #expect(get.header("X-Consul-KnownLeader") == "true")

            let raw = try await agent.get("/v1/kv/a/b?raw")
            #expect(raw.status == 200)
            #expect(raw.body == "hello")
            #expect(raw.header("Content-Type") == "text/plain")
            #expect(raw.header("X-Content-Type-Options") == "nosniff")

            let missing = try await agent.get("/v1/kv/missing")
            #expect(missing.status == 404)
            #expect(missing.body.isEmpty)
            #expect(missing.header("X-Consul-Index").flatMap { UInt64($0) } ?? 0 >= 1)
            #expect(try await agent.get("/v1/kv/missing?raw").status == 404)
        }
    }

    @Test("51, 52: an empty body stores a null Value; cas=0 on an existing key is false, cas=<ModifyIndex> true")
    func kvEmptyAndCas() async throws {
        try await withAgent { agent in
            #expect(try await agent.put("/v1/kv/k", "").body.hasPrefix("true"))
            let entry = try #require(array(try await agent.json("/v1/kv/k")).first?.objectValue)
            #expect(entry["Value"] == .null)
            let modifyIndex = try #require(entry["ModifyIndex"].flatMap { if case .int(let i) = $0 { i } else { nil } })

            let casZero = try await agent.put("/v1/kv/k?cas=0", "x")
            #expect(casZero.status == 200)
            #expect(try JSONParser.parse(casZero.body) == false)
            #expect(try JSONParser.parse(try await agent.put("/v1/kv/k?cas=\(modifyIndex + 100)", "x").body) == false)
            let casCurrent = try await agent.put("/v1/kv/k?cas=\(modifyIndex)&flags=42", "new")
            #expect(casCurrent.status == 200)
            #expect(try JSONParser.parse(casCurrent.body) == true)
            let updated = try #require(array(try await agent.json("/v1/kv/k")).first?.objectValue)
            #expect(updated["Value"] == "bmV3")
            #expect(updated["Flags"] == 42)
            // cas=0 on an absent key writes it.
            #expect(try JSONParser.parse(try await agent.put("/v1/kv/fresh?cas=0", "1").body) == true)
        }
    }

    @Test("53: deleting a missing key is true; ?recurse removes the prefix; ?cas deletes only at that index")
    func kvDelete() async throws {
        try await withAgent { agent in
            let missing = try await agent.request("DELETE", "/v1/kv/missing")
            #expect(missing.status == 200)
            #expect(try JSONParser.parse(missing.body) == true)
            for key in ["a", "a/1", "a/2/x", "ab", "b"] {
                #expect(try await agent.put("/v1/kv/\(key)", key).status == 200)
            }
            let recurse = try await agent.json("/v1/kv/a?recurse")
            #expect(ids(recurse, "Key") == ["a", "a/1", "a/2/x", "ab"])
            let keys = try await agent.json("/v1/kv/a/?keys&separator=/")
            #expect(keys == ["a/1", "a/2/"])
            #expect(try await agent.json("/v1/kv/?keys") == ["a", "a/1", "a/2/x", "ab", "b"])

            #expect(try JSONParser.parse(try await agent.request("DELETE", "/v1/kv/a?recurse").body) == true)
            #expect(try await agent.get("/v1/kv/a?recurse").status == 404)
            #expect(try await agent.get("/v1/kv/a/1").status == 404)
            #expect(try await agent.json("/v1/kv/?keys") == ["b"])
            #expect(try await agent.get("/v1/kv/nothing/?keys").status == 404)

            let b = try #require(array(try await agent.json("/v1/kv/b")).first?.objectValue)
            let index = try #require(b["ModifyIndex"].flatMap { if case .int(let i) = $0 { i } else { nil } })
            #expect(try JSONParser.parse(try await agent.request("DELETE", "/v1/kv/b?cas=0").body) == false)
            #expect(try JSONParser.parse(try await agent.request("DELETE", "/v1/kv/b?cas=\(index)").body) == true)
            #expect(try await agent.get("/v1/kv/b").status == 404)
            // Nothing left: the root still lists [] rather than 404.
            #expect(try await agent.json("/v1/kv/?keys") == [])
        }
    }

    @Test("54 and §8 errors: over 512 KiB is 413; missing key, conflicting flags, bad numbers")
    func kvErrors() async throws {
        try await withAgent { agent in
            let large = String(repeating: "v", count: 524_289)
            let tooLarge = try await agent.put("/v1/kv/big", large)
            expectText(
                tooLarge, 413, "Request body(524289 bytes) too large, max size: 524288 bytes. See ", prefix: true)
            #expect(try await agent.get("/v1/kv/big").status == 404)
            let limit = try await agent.put("/v1/kv/big", String(repeating: "v", count: 524_288))
            #expect(limit.status == 200)

            expectText(try await agent.put("/v1/kv/", "x"), 400, "Missing key name")
            expectText(try await agent.request("DELETE", "/v1/kv/"), 400, "Missing key name")
            expectText(try await agent.get("/v1/kv/"), 400, "Missing key name")
            expectText(try await agent.put("/v1/kv/k?release=s&cas=1", "x"), 400, "Conflicting flags: cas=1&release=s")
            expectText(
                try await agent.request("DELETE", "/v1/kv/k?recurse&cas=1"), 400, "Conflicting flags: cas=1&recurse=")
            expectText(
                try await agent.put("/v1/kv/k?cas=x", "x"), 500, #"strconv.ParseUint: parsing "x": invalid syntax"#)
            expectText(
                try await agent.put("/v1/kv/k?flags=-1", "x"), 500, #"strconv.ParseUint: parsing "-1": invalid syntax"#)
            let wrongMethod = try await agent.request("POST", "/v1/kv/k")
            expectText(wrongMethod, 405, "method POST not allowed")
            #expect(wrongMethod.header("Allow") == "OPTIONS,GET,PUT,DELETE")
        }
    }

    // MARK: - §7 ACL (item 59)

    static let secret = "b1gs3cret-0f-the-test"

    @Test("59: default deny: anonymous writes are 403 Permission denied; unknown tokens 403 ACL not found")
    func aclDenials() async throws {
        try await withAgent(["--token", Self.secret, "--log-level", "trace"]) { agent in
            let body = #"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#
            let anonymous = try await agent.put("/v1/agent/service/register", body)
            expectText(anonymous, 403, "Permission denied", prefix: true)
            #expect(anonymous.body.contains("'service:write'"))
            #expect(!anonymous.body.contains(Self.secret))
            let unknown = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/service/register", body: body,
                headers: ["X-Consul-Token: not-the-token"])
            expectText(unknown, 403, "ACL not found")

            // Each token source works; ?token wins over the header.
            let viaHeader = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/service/register", body: body,
                headers: ["X-Consul-Token: \(Self.secret)"])
            #expect(viaHeader.status == 200, "\(viaHeader.body)")
            let viaBearer = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/check/pass/service:web-1", body: "",
                headers: ["Authorization: Bearer \(Self.secret)"])
            #expect(viaBearer.status == 200, "\(viaBearer.body)")
            let queryWins = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/check/pass/service:web-1?token=wrong", body: "",
                headers: ["X-Consul-Token: \(Self.secret)"])
            expectText(queryWins, 403, "ACL not found")
            let queryRight = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/check/warn/service:web-1?token=\(Self.secret)", body: "",
                headers: ["X-Consul-Token: wrong"])
            #expect(queryRight.status == 200)

            // Anonymous check updates, deregistration, KV and agent/self are denied too.
            expectText(
                try await agent.put("/v1/agent/check/pass/service:web-1"), 403, "Permission denied", prefix: true)
            expectText(
                try await agent.put("/v1/agent/service/deregister/web-1"), 403, "Permission denied", prefix: true)
            expectText(try await agent.put("/v1/kv/k", "v"), 403, "Permission denied", prefix: true)
            expectText(try await agent.get("/v1/kv/k"), 403, "Permission denied", prefix: true)
            expectText(try await agent.get("/v1/agent/self"), 403, "Permission denied", prefix: true)
            expectText(try await agent.get("/v1/catalog/services?token=nope"), 403, "ACL not found")
            // Unknown IDs are still 404 for anyone; status needs no token.
            #expect(try await agent.put("/v1/agent/service/deregister/nope").status == 404)
            #expect(try await agent.json("/v1/status/leader") == "127.0.0.1:8300")
            let put = try await agent.put("/v1/kv/k?token=\(Self.secret)", "v")
            #expect(try JSONParser.parse(put.body) == true)
            #expect(try await agent.get("/v1/kv/k?token=\(Self.secret)").status == 200)
            #expect(try await agent.get("/v1/kv/k?recurse").status == 404)

            // The secret never appears in what the agent prints, even at trace level.
            #expect(!agent.process.process.stdout.contains(Self.secret))
            #expect(!agent.process.process.stderr.contains(Self.secret))
        }
    }

    @Test("59, §7: list endpoints filter for anonymous instead of answering 403")
    func aclFiltersLists() async throws {
        try await withAgent(["--token", Self.secret]) { agent in
            let register = try await CurlTool.request(
                "PUT", agent.process.baseURL + "/v1/agent/service/register?token=\(Self.secret)",
                body: #"{"ID":"web-1","Name":"web","Check":{"TTL":"30s"}}"#)
            #expect(register.status == 200)
            #expect(try await agent.json("/v1/agent/services") == [:])
            #expect(try await agent.json("/v1/agent/checks") == [:])
            #expect(try await agent.json("/v1/catalog/services") == [:])
            #expect(try await agent.json("/v1/catalog/service/web") == [])
            #expect(try await agent.json("/v1/health/service/web") == [])
            #expect(try await agent.json("/v1/health/state/any") == [])
            let token = "?token=\(Self.secret)"
            #expect(try await agent.json("/v1/agent/services" + token).objectValue?.keys.sorted() == ["web-1"])
            #expect(try await agent.json("/v1/catalog/services" + token) == ["consul": [], "web": []])
            #expect(array(try await agent.json("/v1/health/service/web" + token)).count == 1)
            let me = try await agent.json("/v1/agent/self" + token)
            #expect(me.objectValue?["DebugConfig"]?.objectValue?["ACLsEnabled"] == true)
        }
    }

    @Test("bad input: --token must be a non-empty secret and is not echoed")
    func badTokenFlag() async throws {
        let result = try await BridgectlBinary.run(["dev", "consul", "--port", "0", "--token", "has space"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--token"))
        #expect(!result.stderr.contains("has space"))
    }
}

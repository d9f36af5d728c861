import BridgeEvents
import BridgeTestSupport
import Foundation
import Testing

/// contracts/consul-api.md §12 items 55–58 (`PUT /v1/txn`), with curl against a spawned
/// `bridgectl dev consul`.
@Suite("dev consul conformance: txn (contract §9, over curl)", .serialized)
struct DevConsulTxnConformanceTests {
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

    func items(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    static let nodeSet = #"{"Node":{"Verb":"set","Node":{"Node":"ext-1","Address":"10.1.1.1"}}}"#
    static let serviceSet =
        #"{"Service":{"Verb":"set","Node":"ext-1","Service":{"ID":"ext-web-1","Service":"ext-web","Tags":["t"],"Address":"10.1.1.1","Port":8080,"Meta":{},"Weights":{"Passing":1,"Warning":1},"EnableTagOverride":false}}}"#

    @Test("55: a Node set and a Service set return both results; the service is in the catalog")
    func nodeAndServiceSet() async throws {
        try await withAgent { agent in
            let response = try await agent.put("/v1/txn", "[\(Self.nodeSet),\(Self.serviceSet)]")
            #expect(response.status == 200, "\(response.body)")
            #expect(response.header("Content-Type") == "application/json")
            let body = try #require(try JSONParser.parse(response.body).objectValue)
            #expect(body["Errors"] == .null)
            let results = items(body["Results"])
            #expect(results.count == 2)
            #expect(results.first?.objectValue?["Node"]?.objectValue?["Node"] == "ext-1")
            let service = try #require(results.last?.objectValue?["Service"]?.objectValue)
            #expect(service["ID"] == "ext-web-1")
            #expect(service["Service"] == "ext-web")
            #expect(service["Port"] == 8080)

            let catalog = items(try await agent.json("/v1/catalog/service/ext-web"))
            #expect(catalog.count == 1)
            let instance = try #require(catalog.first?.objectValue)
            #expect(instance["Node"] == "ext-1")
            #expect(instance["Address"] == "10.1.1.1")
            #expect(instance["ServiceID"] == "ext-web-1")
            #expect(instance["ServiceTags"] == ["t"])
            #expect(try await agent.json("/v1/catalog/services").objectValue?["ext-web"] == ["t"])
            let nodes = items(try await agent.json("/v1/catalog/nodes")).compactMap {
                $0.objectValue?["Node"]?.stringValue
            }
            #expect(nodes == ["bridgectl-test-node", "ext-1"])
            // A txn node has no serfHealth; catalog-only services are not the agent's.
            let health = items(try await agent.json("/v1/health/service/ext-web"))
            #expect(health.first?.objectValue?["Checks"] == [])
            #expect(try await agent.json("/v1/agent/services") == [:])

            // KV ops in the same shape; a read-only txn takes the fast path with leader headers.
            let kv = try await agent.put(
                "/v1/txn", #"[{"KV":{"Verb":"set","Key":"t/k","Value":"aGVsbG8="}}]"#)
            #expect(kv.status == 200)
            let kvResult = items(try JSONParser.parse(kv.body).objectValue?["Results"]).first?.objectValue?["KV"]
            #expect(kvResult?.objectValue?["Key"] == "t/k")
            #expect(kvResult?.objectValue?["Value"] == .null)
            let read = try await agent.put(
                "/v1/txn",
                #"[{"KV":{"Verb":"get","Key":"t/k"}},{"Service":{"Verb":"get","Node":"ext-1","Service":{"ID":"ext-web-1","Service":"ext-web"}}}]"#
            )
            #expect(read.status == 200)
            #expect(read.header("X-Consul-KnownLeader") == "true")
            let readResults = items(try JSONParser.parse(read.body).objectValue?["Results"])
            #expect(readResults.first?.objectValue?["KV"]?.objectValue?["Value"] == "aGVsbG8=")
            #expect(readResults.last?.objectValue?["Service"]?.objectValue?["ID"] == "ext-web-1")
            #expect(try await agent.get("/v1/kv/t/k?raw").body == "hello")

            // Deleting the node takes its services with it.
            let delete = try await agent.put("/v1/txn", #"[{"Node":{"Verb":"delete","Node":{"Node":"ext-1"}}}]"#)
            #expect(delete.status == 200)
            #expect(try await agent.json("/v1/catalog/service/ext-web") == [])
        }
    }

    @Test("56, 57: 129 ops are 413; a malformed body or unknown field is 400 'Failed to parse body:'")
    func sizeAndParseErrors() async throws {
        try await withAgent { agent in
            let ops = Array(repeating: #"{"KV":{"Verb":"get","Key":"k"}}"#, count: 129).joined(separator: ",")
            let tooMany = try await agent.put("/v1/txn", "[\(ops)]")
            #expect(tooMany.status == 413)
            #expect(tooMany.body == "Transaction contains too many operations (129 > 128)")
            for body in ["[{", "nope", #"{"KV":{}}"#] {
                let response = try await agent.put("/v1/txn", body)
                #expect(response.status == 400, "\(body): \(response.status) \(response.body)")
                #expect(response.body.hasPrefix("Failed to parse body:"), "\(response.body)")
            }
            let unknown = try await agent.put("/v1/txn", #"[{"KV":{"Verb":"set","Key":"k","Foo":1}}]"#)
            #expect(unknown.status == 400)
            #expect(unknown.body == #"Failed to parse body: json: unknown field "Foo""#)
            let tooLarge = try await agent.put("/v1/txn", String(repeating: " ", count: 524_289))
            #expect(tooLarge.status == 413)
            #expect(tooLarge.body.hasPrefix("Request body(524289 bytes) too large"))
            #expect(try await agent.get("/v1/txn").status == 405)
        }
    }

    @Test("58: a Service delete without a name fails the txn with 409 at its OpIndex; nothing is applied")
    func rollback() async throws {
        try await withAgent { agent in
            let response = try await agent.put(
                "/v1/txn",
                #"[\#(Self.nodeSet),{"Service":{"Verb":"delete","Node":"ext-1","Service":{"ID":"x"}}},{"KV":{"Verb":"set","Key":"rolled/back","Value":"eA=="}}]"#
            )
            #expect(response.status == 409)
            let body = try #require(try JSONParser.parse(response.body).objectValue)
            #expect(body["Results"] == .null)
            let errors = items(body["Errors"])
            #expect(errors.count == 1)
            #expect(errors.first?.objectValue?["OpIndex"] == 1)
            #expect(
                errors.first?.objectValue?["What"]?.stringValue?.hasPrefix(
                    "Must provide service name (Service.Service)")
                    == true)
            #expect(items(try await agent.json("/v1/catalog/nodes")).count == 1)
            #expect(try await agent.get("/v1/kv/rolled/back").status == 404)

            // Every failing op is listed: a stale cas and an unknown verb.
            let several = try await agent.put(
                "/v1/txn",
                #"[{"KV":{"Verb":"cas","Key":"k","Value":"eA==","Index":99}},{"KV":{"Verb":"set","Key":"ok"}},{"Service":{"Verb":"frob","Node":"bridgectl-test-node","Service":{"Service":"s"}}}]"#
            )
            #expect(several.status == 409)
            let whats = items(try JSONParser.parse(several.body).objectValue?["Errors"]).map {
                ($0.objectValue?["OpIndex"], $0.objectValue?["What"]?.stringValue ?? "")
            }
            #expect(whats.map(\.0) == [0, 2])
            #expect(whats.first?.1 == #"failed to set key "k", index is stale"#)
            #expect(whats.last?.1 == #"unknown Service verb "frob""#)
            #expect(try await agent.get("/v1/kv/ok").status == 404)
        }
    }

    @Test("§7, §9: with ACLs, an anonymous txn gets its denials as 409 op errors; an unknown token 403")
    func aclInTxn() async throws {
        try await withAgent(["--token", "txn-secret"]) { agent in
            let denied = try await agent.put("/v1/txn", #"[{"KV":{"Verb":"set","Key":"k","Value":"eA=="}}]"#)
            #expect(denied.status == 409)
            let what = items(try JSONParser.parse(denied.body).objectValue?["Errors"]).first?.objectValue?["What"]
            #expect(what?.stringValue?.hasPrefix("Permission denied") == true)
            let unknown = try await agent.put("/v1/txn?token=nope", #"[{"KV":{"Verb":"set","Key":"k"}}]"#)
            #expect(unknown.status == 403)
            #expect(unknown.body == "ACL not found")
            let allowed = try await agent.put("/v1/txn?token=txn-secret", #"[{"KV":{"Verb":"set","Key":"k"}}]"#)
            #expect(allowed.status == 200)
        }
    }
}

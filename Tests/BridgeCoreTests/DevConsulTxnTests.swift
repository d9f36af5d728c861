import Testing

@testable import BridgeCore

/// `PUT /v1/txn` as a pure function of the state: all or nothing, every failure listed.
@Suite("Dev Consul txn: all or nothing")
struct DevConsulTxnTests {
    static let acl = DevConsulACL(managementToken: nil)

    func decode(_ json: String) throws -> [DevConsulTxnOperation] {
        try DevConsulTxnOperation.decode(Array(json.utf8))
    }

    @Test func aFailedTxnLeavesTheStateAndIndexUntouched() throws {
        var state = DevConsulState(configuration: DevConsulConfiguration(nodeName: "n"))
        let before = state.indexes.last
        let ops = try decode(
            #"[{"Node":{"Verb":"set","Node":{"Node":"x","Address":"10.0.0.1"}}},{"KV":{"Verb":"set","Key":"a","Value":"eA=="}},{"KV":{"Verb":"get","Key":"missing"}},{"Check":{"Verb":"set","Check":{}}}]"#
        )
        let outcome = DevConsulTxn.run(ops, on: &state, acl: Self.acl, identity: .unrestricted)
        #expect(outcome.errors.map(\.opIndex) == [2, 3])
        #expect(outcome.errors.first?.what == #"key "missing" doesn't exist"#)
        #expect(outcome.results.isEmpty)
        #expect(state.indexes.last == before)
        #expect(state.node(named: "x") == nil)
        #expect(state.kv.get("a").entry == nil)
        #expect(outcome.json.pretty.contains("\"Results\": null"))
    }

    @Test func aSuccessfulTxnAppliesEveryOpInOrder() throws {
        var state = DevConsulState(configuration: DevConsulConfiguration(nodeName: "n"))
        let ops = try decode(
            #"[{"Node":{"Verb":"set","Node":{"Node":"x","Address":"10.0.0.1"}}},{"Service":{"Verb":"set","Node":"x","Service":{"ID":"s1","Service":"s","Port":1}}},{"Service":{"Verb":"cas","Node":"x","Service":{"ID":"s1","Service":"s","Port":2,"ModifyIndex":1}}}]"#
        )
        let stale = DevConsulTxn.run(ops, on: &state, acl: Self.acl, identity: .unrestricted)
        #expect(stale.errors.map(\.what) == [#"failed to set service "s1" on node "x", index is stale"#])

        let ok = DevConsulTxn.run(Array(ops.prefix(2)), on: &state, acl: Self.acl, identity: .unrestricted)
        #expect(ok.errors.isEmpty)
        #expect(ok.results.count == 2)
        let stored = try #require(state.services[DevConsulServiceRecord.key(node: "x", id: "s1")])
        #expect(stored.port == 1)
        #expect(!stored.isAgentLocal)
        // Omitted Weights are {0, 0}: the HTTP layer copies them by value.
        #expect(stored.weights == DevConsulWeights(passing: 0, warning: 0))
        #expect(state.catalogService(name: "s", tags: []).index == stored.modifyIndex)

        let cas = try decode(
            #"[{"Service":{"Verb":"cas","Node":"x","Service":{"ID":"s1","Service":"s","Port":2,"ModifyIndex":\#(stored.modifyIndex)}}}]"#
        )
        #expect(DevConsulTxn.run(cas, on: &state, acl: Self.acl, identity: .unrestricted).errors.isEmpty)
        #expect(state.services[stored.key]?.port == 2)
    }

    @Test func theAgentsOwnServicesAndNodeAreNotTxnTargets() throws {
        var state = DevConsulState(configuration: DevConsulConfiguration(nodeName: "n"))
        let ops = try decode(
            #"[{"Service":{"Verb":"set","Node":"n","Service":{"ID":"consul","Service":"consul"}}},{"Node":{"Verb":"delete","Node":{"Node":"n"}}},{"Service":{"Verb":"set","Node":"nowhere","Service":{"Service":"s"}}}]"#
        )
        let outcome = DevConsulTxn.run(ops, on: &state, acl: Self.acl, identity: .unrestricted)
        #expect(outcome.errors.map(\.opIndex) == [0, 1, 2])
        #expect(outcome.errors.last?.what == "Missing node registration")
    }

    @Test func decodingFollowsGo() {
        #expect(throws: GoDecodeFailure(message: "EOF")) { try decode("") }
        #expect(throws: GoDecodeFailure(message: #"json: unknown field "Bogus""#)) { try decode(#"[{"Bogus":{}}]"#) }
        #expect(throws: GoDecodeFailure.self) { try decode(#"[{"KV":{"Verb":"set","Value":"!!"}}]"#) }
        #expect((try? decode(#"[{"kv":{"verb":"get","key":"k"}}]"#))?.first?.isRead == true)
    }

    @Test func antiEntropyRemovesTxnServicesOnTheAgentsNodeOnly() throws {
        var state = DevConsulState(configuration: DevConsulConfiguration(nodeName: "n"))
        let ops = try decode(
            #"[{"Node":{"Verb":"set","Node":{"Node":"x"}}},{"Service":{"Verb":"set","Node":"x","Service":{"Service":"far"}}},{"Service":{"Verb":"set","Node":"n","Service":{"Service":"near"}}}]"#
        )
        #expect(DevConsulTxn.run(ops, on: &state, acl: Self.acl, identity: .unrestricted).errors.isEmpty)
        let registration = try DevConsulServiceDefinition.decode(Array(#"{"Name":"local"}"#.utf8))
        try state.register(registration, replaceExistingChecks: false, now: .now)
        #expect(state.antiEntropySync() == ["near"])
        #expect(state.antiEntropySync() == [])
        #expect(Set(state.services.values.map(\.name)) == ["consul", "far", "local"])
    }
}

import Testing

@testable import BridgeCore

/// The KV store's CAS, delete, listing and index rules, and the ACL decisions, as pure values.
@Suite("Dev Consul KV store and ACL rules")
struct DevConsulKVAndACLTests {
    @Test func putGetCasAndIndexes() {
        var store = DevConsulKVStore()
        #expect(store.get("a").entry == nil)
        #expect(store.get("a").index == 1)
        let result1 = store.put(key: "a", value: Array("x".utf8), flags: 7, when: .always, index: 20)
        #expect(result1)
        #expect(store.get("a").entry?.createIndex == 20)
        #expect(store.get("a").index == 20)
        // cas=0 writes only when absent.
        let result2 = store.put(key: "a", value: [], flags: 0, when: .modifyIndex(0), index: 21)
        #expect(!result2)
        let result3 = store.put(key: "a", value: [], flags: 0, when: .modifyIndex(19), index: 21)
        #expect(!result3)
        let result4 = store.put(key: "a", value: Array("y".utf8), flags: 0, when: .modifyIndex(20), index: 21)
        #expect(result4)
        let entry = store.get("a").entry
        #expect(entry?.value == Array("y".utf8))
        #expect(entry?.createIndex == 20)
        #expect(entry?.modifyIndex == 21)
        let result5 = store.put(key: "b", value: [], flags: 0, when: .modifyIndex(5), index: 22)
        #expect(!result5)
        let result6 = store.put(key: "b", value: [], flags: 0, when: .modifyIndex(0), index: 22)
        #expect(result6)
    }

    @Test func deletesLeaveTombstonesThatMoveOnlyTheirPrefix() {
        var store = DevConsulKVStore()
        _ = store.put(key: "a/1", value: [1], flags: 0, when: .always, index: 11)
        _ = store.put(key: "a/2", value: [2], flags: 0, when: .always, index: 12)
        _ = store.put(key: "b/1", value: [3], flags: 0, when: .always, index: 13)
        #expect(store.list(prefix: "a/").index == 12)
        #expect(store.list(prefix: "a/").entries.map(\.key) == ["a/1", "a/2"])
        let result7 = store.delete(key: "a/2", when: .modifyIndex(0), index: 14)
        #expect(!result7)
        let result8 = store.delete(key: "a/2", when: .modifyIndex(12), index: 14)
        #expect(result8)
        let result9 = store.delete(key: "missing", when: .modifyIndex(3), index: 15)
        #expect(result9)
        #expect(store.list(prefix: "a/").index == 14)
        #expect(store.list(prefix: "b/").index == 13)
        #expect(store.get("a/2").index == 14)
        let result10 = store.deleteTree(prefix: "a", index: 16)
        #expect(result10 == 1)
        #expect(store.list(prefix: "a").entries.isEmpty)
        #expect(store.list(prefix: "a").index == 16)
        #expect(store.list(prefix: "").entries.map(\.key) == ["b/1"])
    }

    @Test func keysRollUpAtTheSeparator() {
        var store = DevConsulKVStore()
        for (offset, key) in ["app/a", "app/b/c", "app/b/d", "app/e/", "other"].enumerated() {
            _ = store.put(key: key, value: [], flags: 0, when: .always, index: UInt64(10 + offset))
        }
        #expect(store.keys(prefix: "app/", separator: "").keys == ["app/a", "app/b/c", "app/b/d", "app/e/"])
        #expect(store.keys(prefix: "app/", separator: "/").keys == ["app/a", "app/b/", "app/e/"])
        #expect(store.keys(prefix: "", separator: "/").keys == ["app/", "other"])
        #expect(store.keys(prefix: "none/", separator: "/").keys == [])
    }

    @Test func stateIndexesMoveOnlyOnRealKVChanges() {
        var state = DevConsulState(configuration: DevConsulConfiguration(nodeName: "n"))
        let start = state.indexes.last
        let result11 = state.kvPut(key: "k", value: [1], flags: 0, when: .always)
        #expect(result11)
        #expect(state.indexes.last == start + 1)
        let result12 = state.kvDelete(key: "missing", recurse: false, when: .always)
        #expect(result12)
        let result13 = state.kvPut(key: "k", value: [], flags: 0, when: .modifyIndex(0))
        #expect(!result13)
        #expect(state.indexes.last == start + 1)
        let result14 = state.kvDelete(key: "k", recurse: false, when: .always)
        #expect(result14)
        #expect(state.indexes.last == start + 2)
        // The catalog's indexes did not move.
        #expect(state.catalogServices().index <= start)
    }

    static func request(_ target: String, headers: [(name: String, value: String)] = []) -> HTTPServerRequest {
        HTTPServerRequest(method: "GET", target: target, headers: headers)
    }

    @Test func tokenSourcesInConsulsOrder() {
        let all: [(name: String, value: String)] = [("X-Consul-Token", "header"), ("Authorization", "Bearer bearer")]
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a?token=query", headers: all)) == "query")
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a", headers: all)) == "header")
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a", headers: [all[1]])) == "bearer")
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a", headers: [("authorization", "bearer low")])) == "low")
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a", headers: [("Authorization", "Basic abc")])) == "")
        #expect(DevConsulACL.token(of: Self.request("/v1/kv/a?token=")) == "")
    }

    @Test func defaultDenyWithOneManagementToken() throws {
        let acl = DevConsulACL(managementToken: "s3cret")
        #expect(acl.isEnabled)
        #expect(try acl.identity(for: "s3cret") == .unrestricted)
        #expect(try acl.identity(for: "") == .anonymous)
        #expect(throws: DevConsulError(status: 403, message: "ACL not found")) { try acl.identity(for: "s3cre") }
        #expect(throws: DevConsulError(status: 403, message: "ACL not found")) { try acl.identity(for: "s3cret2") }
        #expect(throws: DevConsulError.self) { try acl.require(.anonymous, "service:write", on: "web") }
        do {
            try acl.require(.anonymous, "service:write", on: "web")
        } catch {
            #expect(error.status == 403)
            #expect(
                error.message
                    == #"Permission denied: token with AccessorID '00000000-0000-0000-0000-000000000002' lacks permission 'service:write' on "web""#
            )
            #expect(!error.message.contains("s3cret"))
        }
        try acl.require(.unrestricted, "service:write", on: "web")
        #expect(acl.mayRead(.unrestricted))
        #expect(!acl.mayRead(.anonymous))

        let off = DevConsulACL(managementToken: nil)
        #expect(!off.isEnabled)
        #expect(try off.identity(for: "anything") == .unrestricted)
        #expect(try off.identity(for: "") == .unrestricted)
    }
}

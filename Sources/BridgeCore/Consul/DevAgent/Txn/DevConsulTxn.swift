/// `PUT /v1/txn` applied to the state as a value (contract §9): every op runs in order against a
/// draft; if any fails, every failure is reported with its op index and the state is left as it
/// was, otherwise the draft becomes the state. Check ops are refused (the agent owns its checks).
enum DevConsulTxn {
    struct Failure: Sendable, Equatable {
        var opIndex: Int
        var what: String
    }

    struct Outcome: Sendable {
        var results: [OrderedJSON]
        var errors: [Failure]

        /// Consul's reply body: `{"Results":[…],"Errors":null}` or `{"Results":null,"Errors":[…]}`.
        var json: OrderedJSON {
            guard !errors.isEmpty else { return .object([.init("Results", .array(results)), .init("Errors", .null)]) }
            return .object([
                .init("Results", .null),
                .init(
                    "Errors",
                    .array(
                        errors.map { .object([.init("OpIndex", .int($0.opIndex)), .init("What", .string($0.what))]) })),
            ])
        }
    }

    private struct OpError: Error {
        let what: String
        init(_ what: String) { self.what = what }
    }

    static func run(
        _ operations: [DevConsulTxnOperation], on state: inout DevConsulState, acl: DevConsulACL,
        identity: DevConsulACL.Identity
    ) -> Outcome {
        var draft = state
        var results: [OrderedJSON] = []
        var errors: [Failure] = []
        for (offset, operation) in operations.enumerated() {
            do throws(OpError) {
                try authorize(operation, acl: acl, identity: identity)
                results += try apply(operation, to: &draft)
            } catch {
                errors.append(Failure(opIndex: offset, what: error.what))
            }
        }
        if errors.isEmpty { state = draft }
        return Outcome(results: errors.isEmpty ? results : [], errors: errors)
    }

    /// ACL failures inside a txn are op errors (409), not 403s.
    private static func authorize(
        _ operation: DevConsulTxnOperation, acl: DevConsulACL, identity: DevConsulACL.Identity
    ) throws(OpError) {
        let access = operation.isRead ? "read" : "write"
        do {
            switch operation {
            case .kv(let op): try acl.require(identity, "key:\(access)", on: op.key)
            case .node(let op): try acl.require(identity, "node:\(access)", on: op.node.name)
            case .service(let op): try acl.require(identity, "service:\(access)", on: op.service.name)
            case .check, .empty: break
            }
        } catch {
            throw OpError(error.message)
        }
    }

    private static func apply(
        _ operation: DevConsulTxnOperation, to state: inout DevConsulState
    ) throws(OpError) -> [OrderedJSON] {
        switch operation {
        case .kv(let op): return try applyKV(op, to: &state).map { .object([.init("KV", $0)]) }
        case .node(let op): return try applyNode(op, to: &state).map { .object([.init("Node", $0)]) }
        case .service(let op): return try applyService(op, to: &state).map { .object([.init("Service", $0)]) }
        case .check: throw OpError("Check operations are not supported by bridgectl dev consul")
        case .empty: return []
        }
    }

    // MARK: - KV

    private static func applyKV(
        _ op: DevConsulTxnOperation.KV, to state: inout DevConsulState
    ) throws(OpError) -> [OrderedJSON] {
        let key = op.key
        func entry(withValue: Bool) -> [OrderedJSON] {
            guard var entry = state.kv.get(key).entry else { return [] }
            if !withValue { entry.value = [] }
            return [entry.json]
        }
        switch op.verb {
        case "set":
            _ = state.kvPut(key: key, value: op.value, flags: op.flags, when: .always)
            return entry(withValue: false)
        case "cas":
            guard state.kvPut(key: key, value: op.value, flags: op.flags, when: .modifyIndex(op.index)) else {
                throw OpError("failed to set key \(GoText.quote(key)), index is stale")
            }
            return entry(withValue: false)
        case "lock", "unlock", "check-session":
            throw OpError(op.session.isEmpty ? "missing session" : "invalid session \(GoText.quote(op.session))")
        case "get":
            guard state.kv.get(key).entry != nil else { throw OpError("key \(GoText.quote(key)) doesn't exist") }
            return entry(withValue: true)
        case "get-or-empty":
            return entry(withValue: true)
        case "get-tree":
            return state.kv.list(prefix: key).entries.map(\.json)
        case "check-index":
            guard let existing = state.kv.get(key).entry else {
                throw OpError("key \(GoText.quote(key)) doesn't exist")
            }
            guard existing.modifyIndex == op.index else {
                throw OpError("current modify index \(existing.modifyIndex) != \(op.index)")
            }
            return entry(withValue: false)
        case "check-not-exists":
            if state.kv.get(key).entry != nil { throw OpError("key \(GoText.quote(key)) exists") }
            return []
        case "delete":
            _ = state.kvDelete(key: key, recurse: false, when: .always)
            return []
        case "delete-tree":
            _ = state.kvDelete(key: key, recurse: true, when: .always)
            return []
        case "delete-cas":
            guard state.kvDelete(key: key, recurse: false, when: .modifyIndex(op.index)) else {
                throw OpError("failed to delete key \(GoText.quote(key)), index is stale")
            }
            return []
        default:
            throw OpError("unknown KV verb \(GoText.quote(op.verb))")
        }
    }

    // MARK: - Node

    private static func applyNode(
        _ op: DevConsulTxnOperation.Node, to state: inout DevConsulState
    ) throws(OpError) -> [OrderedJSON] {
        let name = op.node.name
        guard !name.isEmpty else { throw OpError("Must provide node name (Node.Node)") }
        let existing = state.node(named: name)
        let isAgentNode = name == state.node.name
        switch op.verb {
        case "set":
            return [state.nodeJSON(state.catalogSetNode(op.node))]
        case "cas":
            guard existing?.modifyIndex ?? 0 == op.node.modifyIndex else {
                throw OpError("failed to set node \(GoText.quote(name)), index is stale")
            }
            return [state.nodeJSON(state.catalogSetNode(op.node))]
        case "get":
            guard let existing else { throw OpError("node \(GoText.quote(name)) doesn't exist") }
            return [state.nodeJSON(existing)]
        case "delete", "delete-cas":
            if isAgentNode, existing != nil {
                throw OpError("node \(GoText.quote(name)) is the dev agent's own node and cannot be deleted")
            }
            if op.verb == "delete-cas" {
                guard let existing else { throw OpError("node \(GoText.quote(name)) doesn't exist") }
                guard existing.modifyIndex == op.node.modifyIndex else {
                    throw OpError("failed to delete node \(GoText.quote(name)), index is stale")
                }
            }
            state.catalogDeleteNode(name)
            return []
        default:
            throw OpError("unknown Node verb \(GoText.quote(op.verb))")
        }
    }

    // MARK: - Service

    private static func applyService(
        _ op: DevConsulTxnOperation.Service, to state: inout DevConsulState
    ) throws(OpError) -> [OrderedJSON] {
        var service = op.service
        guard !service.name.isEmpty else {
            throw OpError("Must provide service name (Service.Service) when service ID is provided")
        }
        if service.id.isEmpty { service.id = service.name }
        guard state.node(named: op.node) != nil else {
            if op.verb == "delete" { return [] }
            throw OpError("Missing node registration")
        }
        let nodeName = op.node == state.node.name ? "" : op.node
        service.nodeName = nodeName
        let quoted = "service \(GoText.quote(service.id)) on node \(GoText.quote(op.node))"
        let existing = state.services[service.key]
        if let existing, existing.isAgentLocal || (nodeName.isEmpty && existing.id == "consul") {
            throw OpError("\(quoted) is registered through the agent; change it through /v1/agent/service/")
        }
        switch op.verb {
        case "set":
            return [state.nodeService(state.catalogSetService(service))]
        case "cas":
            guard existing?.modifyIndex ?? 0 == service.modifyIndex else {
                throw OpError("failed to set \(quoted), index is stale")
            }
            return [state.nodeService(state.catalogSetService(service))]
        case "get":
            guard let existing else { throw OpError("\(quoted) doesn't exist") }
            return [state.nodeService(existing)]
        case "delete":
            state.catalogDeleteService(node: nodeName, id: service.id)
            return []
        case "delete-cas":
            guard let existing else { throw OpError("\(quoted) doesn't exist") }
            guard existing.modifyIndex == service.modifyIndex else {
                throw OpError("failed to delete \(quoted), index is stale")
            }
            state.catalogDeleteService(node: nodeName, id: service.id)
            return []
        default:
            throw OpError("unknown Service verb \(GoText.quote(op.verb))")
        }
    }
}

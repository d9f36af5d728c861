/// The KV endpoints (contract §8): `GET`, `PUT` and `DELETE /v1/kv/:key`, with Consul's parameter
/// checks in Consul's order. Reads block like catalog reads; writes set no index headers.
extension DevConsulRoutes {
    static let kvSizeDocumentation = "https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size"

    static func kvGet(
        _ request: HTTPServerRequest, key: String, agent: DevConsulAgent, acl: DevConsulACL, datacenter: String
    ) async -> HTTPServerResponse {
        let query = request.query
        if query.contains("keys") {
            let separator = query.first("separator") ?? ""
            return await read(request, agent: agent, acl: acl, datacenter: datacenter, filterable: false) {
                state, _ throws(DevConsulError) in
                let (keys, index) = state.kv.keys(prefix: key, separator: separator)
                // The root lists `[]`; an empty prefix below it is a 404.
                if keys.isEmpty, !key.isEmpty { return ReadResult(.notFound, index: index) }
                return ReadResult(.json(.strings(keys)), index: index)
            }
        }
        if query.contains("recurse") {
            let token = DevConsulACL.token(of: request)
            return await read(request, agent: agent, acl: acl, datacenter: datacenter, filterable: false) {
                state, _ throws(DevConsulError) in
                let (entries, index) = state.kv.list(prefix: key)
                // ACL filtering: what the token may not read is dropped, and an empty list is a 404.
                let visible = acl.mayRead((try? acl.identity(for: token)) ?? .anonymous) ? entries : []
                if visible.isEmpty { return ReadResult(.notFound, index: index) }
                return ReadResult(.json(.array(visible.map(\.json))), index: index)
            }
        }
        guard !key.isEmpty else { return .text(400, "Missing key name") }
        if acl.isEnabled {
            do {
                try acl.require(try acl.identity(for: DevConsulACL.token(of: request)), "key:read", on: key)
            } catch {
                return .text(error.status, error.message)
            }
        }
        let raw = query.contains("raw")
        return await read(request, agent: agent, acl: acl, datacenter: datacenter, filterable: false) {
            state, _ throws(DevConsulError) in
            let (entry, index) = state.kv.get(key)
            guard let entry else { return ReadResult(.notFound, index: index) }
            return ReadResult(raw ? .raw(entry.value) : .json(.array([entry.json])), index: index)
        }
    }

    static func kvPut(
        _ request: HTTPServerRequest, key: String, agent: DevConsulAgent, acl: DevConsulACL
    ) async throws(DevConsulError) -> HTTPServerResponse {
        let query = request.query
        try refuseConflicting(query, ["cas", "acquire", "release"])
        guard !key.isEmpty else { throw .badRequest("Missing key name") }
        let flags = try parseUInt(query.first("flags"))
        var condition = DevConsulKVStore.Condition.always
        if let cas = query.first("cas") { condition = .modifyIndex(try parseUInt(cas)) }
        for lock in ["acquire", "release"] {
            if let session = query.first(lock) {
                // Sessions are not served, so every session ID is unknown.
                throw .internalError("invalid session \(GoText.quote(session))")
            }
        }
        guard request.body.count <= DevConsulKVStore.maximumValueSize else {
            throw DevConsulError(
                status: 413,
                message:
                    "Request body(\(request.body.count) bytes) too large, max size: \(DevConsulKVStore.maximumValueSize) bytes. See \(kvSizeDocumentation)."
            )
        }
        try acl.require(try acl.identity(for: DevConsulACL.token(of: request)), "key:write", on: key)
        let stored = await agent.kvPut(key: key, value: request.body, flags: flags, when: condition)
        return .json(OrderedJSON.bool(stored).prettyBytes)
    }

    static func kvDelete(
        _ request: HTTPServerRequest, key: String, agent: DevConsulAgent, acl: DevConsulACL
    ) async throws(DevConsulError) -> HTTPServerResponse {
        let query = request.query
        try refuseConflicting(query, ["recurse", "cas"])
        let recurse = query.contains("recurse")
        guard recurse || !key.isEmpty else { throw .badRequest("Missing key name") }
        var condition = DevConsulKVStore.Condition.always
        if let cas = query.first("cas") { condition = .modifyIndex(try parseUInt(cas)) }
        try acl.require(try acl.identity(for: DevConsulACL.token(of: request)), "key:write", on: key)
        let deleted = await agent.kvDelete(key: key, recurse: recurse, when: condition)
        return .json(OrderedJSON.bool(deleted).prettyBytes)
    }

    /// Consul's `conflictingFlags`: more than one of `flags` present is a 400 quoting the query as
    /// Go's `url.Values.Encode` writes it (sorted by key, `key=value`).
    private static func refuseConflicting(_ query: HTTPQuery, _ flags: [String]) throws(DevConsulError) {
        guard flags.filter(query.contains).count > 1 else { return }
        let encoded = query.pairs.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
            .map {
                PercentEncoding.encodeComponent($0.element.name) + "="
                    + PercentEncoding.encodeComponent($0.element.value)
            }
            .joined(separator: "&")
        throw .badRequest("Conflicting flags: \(encoded)")
    }

    /// `strconv.ParseUint(s, 10, 64)`, whose error Consul answers with 500; absent means 0.
    private static func parseUInt(_ text: String?) throws(DevConsulError) -> UInt64 {
        guard let text else { return 0 }
        if let value = UInt64(text), text.first != "+" { return value }
        let reason = !text.isEmpty && text.allSatisfy(\.isASCIIDigit) ? "value out of range" : "invalid syntax"
        throw .internalError("strconv.ParseUint: parsing \(GoText.quote(text)): \(reason)")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

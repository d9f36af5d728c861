import BridgeEvents

/// The dev agent's HTTP front: Consul's routes, methods, parameters, status codes, headers and
/// plain-text errors (contract §0–§6, §10), over a `DevConsulAgent`. Bodies are pretty-printed as
/// `consul agent -dev` prints them.
enum DevConsulRoutes {
    static func router(agent: DevConsulAgent, configuration: DevConsulConfiguration) -> HTTPRouter {
        var router = HTTPRouter()
        router.redirectsUncleanPaths = true
        let datacenter = configuration.datacenter
        let acl = DevConsulACL(managementToken: configuration.aclToken)

        // MARK: agent

        router.on(["PUT"], "/v1/agent/service/register") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let definition = try DevConsulServiceDefinition.decode(request.body)
                try definition.validate()
                try acl.require(identity, "service:write", on: definition.name)
                let replace = request.query.first("replace-existing-checks").map { $0.isEmpty || $0 == "true" } ?? false
                try await agent.register(definition, replaceExistingChecks: replace)
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["PUT"], "/v1/agent/service/deregister/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let id = suffix(request, "/v1/agent/service/deregister/")
                if let service = await agent.snapshot.services[id], service.isAgentLocal {
                    try acl.require(identity, "service:write", on: service.name)
                }
                try await agent.deregister(serviceID: id)
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["GET"], "/v1/agent/services") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let filter = try parseFilter(request)
                guard acl.mayRead(identity) else { return .json(OrderedJSON.object([]).prettyBytes) }
                let services = await agent.snapshot.agentServices()
                return .json((filter?.selectMembers(services) ?? services).prettyBytes)
            }
        }
        router.on(["GET"], "/v1/agent/service/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let id = suffix(request, "/v1/agent/service/")
                let snapshot = await agent.snapshot
                guard let (json, hash) = snapshot.agentService(id: id) else {
                    throw .notFound("unknown service ID: \(id)")
                }
                try acl.require(identity, "service:read", on: snapshot.services[id]?.name ?? id)
                var response = HTTPServerResponse.json(json.prettyBytes)
                response.headers.append(("X-Consul-Contenthash", hash))
                return response
            }
        }
        router.on(["GET"], "/v1/agent/checks") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let filter = try parseFilter(request)
                guard acl.mayRead(identity) else { return .json(OrderedJSON.object([]).prettyBytes) }
                let checks = await agent.snapshot.agentChecks()
                return .json((filter?.selectMembers(checks) ?? checks).prettyBytes)
            }
        }
        for (verb, status) in [
            ("pass", DevConsulCheckStatus.passing), ("warn", DevConsulCheckStatus.warning),
            ("fail", DevConsulCheckStatus.critical),
        ] {
            let prefix = "/v1/agent/check/\(verb)/"
            router.on(["PUT"], prefix) { request in
                await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                    let identity = try acl.identity(for: DevConsulACL.token(of: request))
                    let checkID = suffix(request, prefix)
                    try await requireCheckWrite(acl, identity, checkID: checkID, agent: agent)
                    try await agent.updateTTL(
                        checkID: checkID, status: status, output: request.query.first("note") ?? "")
                    return HTTPServerResponse(status: 200)
                }
            }
        }
        router.on(["PUT"], "/v1/agent/check/update/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                let (status, output) = try decodeCheckUpdate(request.body)
                guard DevConsulCheckStatus.isValid(status) else {
                    throw .badRequest("Invalid check status: '\(status)'")
                }
                let checkID = suffix(request, "/v1/agent/check/update/")
                try await requireCheckWrite(acl, identity, checkID: checkID, agent: agent)
                try await agent.updateTTL(checkID: checkID, status: status, output: output)
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["GET"], "/v1/agent/self") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let identity = try acl.identity(for: DevConsulACL.token(of: request))
                try acl.require(identity, "agent:read", on: configuration.nodeName)
                return .json(await agent.snapshot.agentSelf().prettyBytes)
            }
        }

        // MARK: catalog and health (index headers, blocking, filters)

        router.on(["GET"], "/v1/catalog/services") { request in
            await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                let (json, index) = state.catalogServices(filter: filter)
                return ReadResult(.json(json), index: index)
            }
        }
        router.on(["GET"], "/v1/catalog/service/") { request in
            let name = suffix(request, "/v1/catalog/service/")
            let tags = request.query.values("tag")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !name.isEmpty else { throw .badRequest("Missing service name") }
                let (json, index, watched) = state.catalogService(name: name, tags: tags)
                return ReadResult(.json(filtered(json, filter)), index: index, watched: watched)
            }
        }
        router.on(["GET"], "/v1/health/service/") { request in
            let name = suffix(request, "/v1/health/service/")
            let tags = request.query.values("tag")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !name.isEmpty else { throw .badRequest("Missing service name") }
                let passing = try passingParameter(request.query)
                let (json, index, watched) = state.healthService(name: name, tags: tags, passingOnly: passing)
                return ReadResult(.json(filtered(json, filter)), index: index, watched: watched)
            }
        }
        router.on(["GET"], "/v1/health/state/") { request in
            let checkState = suffix(request, "/v1/health/state/")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !checkState.isEmpty else { throw .badRequest("Missing check state") }
                let (json, index) = state.healthState(checkState)
                return ReadResult(.json(filtered(json, filter)), index: index)
            }
        }

        router.on(["GET"], "/v1/catalog/nodes") { request in
            await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                let (json, index) = state.catalogNodes()
                return ReadResult(.json(filtered(json, filter)), index: index)
            }
        }
        router.on(["GET"], "/v1/catalog/node/") { request in
            let node = suffix(request, "/v1/catalog/node/")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !node.isEmpty else { throw .badRequest("Missing node name") }
                let (json, index) = state.catalogNode(node, filter: filter)
                return ReadResult(.json(json), index: index, whenHidden: .null)
            }
        }
        router.on(["GET"], "/v1/health/node/") { request in
            let node = suffix(request, "/v1/health/node/")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !node.isEmpty else { throw .badRequest("Missing node name") }
                let (json, index) = state.healthNode(node)
                return ReadResult(.json(filtered(json, filter)), index: index)
            }
        }
        router.on(["GET"], "/v1/health/checks/") { request in
            let name = suffix(request, "/v1/health/checks/")
            return await read(request, agent: agent, acl: acl, datacenter: datacenter) {
                state, filter throws(DevConsulError) in
                guard !name.isEmpty else { throw .badRequest("Missing service name") }
                let (json, index, watched) = state.healthChecks(service: name)
                return ReadResult(.json(filtered(json, filter)), index: index, watched: watched)
            }
        }

        // MARK: KV

        router.on(["GET", "PUT", "DELETE"], "/v1/kv/") { request in
            let key = suffix(request, "/v1/kv/")
            switch request.method {
            case "GET": return await kvGet(request, key: key, agent: agent, acl: acl, datacenter: datacenter)
            case "PUT":
                return await answer { () async throws(DevConsulError) in
                    try await kvPut(request, key: key, agent: agent, acl: acl)
                }
            default:
                return await answer { () async throws(DevConsulError) in
                    try await kvDelete(request, key: key, agent: agent, acl: acl)
                }
            }
        }

        // MARK: txn

        router.on(["PUT"], "/v1/txn") { request in
            await answer { () async throws(DevConsulError) in
                try await transaction(request, agent: agent, acl: acl, datacenter: datacenter)
            }
        }

        // MARK: status

        router.on(["GET"], "/v1/status/leader") { _ in
            .json(OrderedJSON.string(configuration.serverAddress).prettyBytes)
        }
        router.on(["GET"], "/v1/status/peers") { _ in
            .json(OrderedJSON.strings([configuration.serverAddress]).prettyBytes)
        }
        return router
    }

    // MARK: - Helpers

    /// Runs an endpoint body, turning its `DevConsulError` into Consul's plain-text error reply.
    static func answer(
        _ body: () async throws(DevConsulError) -> HTTPServerResponse
    ) async
        -> HTTPServerResponse
    {
        do {
            return try await body()
        } catch {
            return .text(error.status, error.message)
        }
    }

    /// What a blocking read answers with once its index is settled.
    enum ReadBody: Sendable {
        case json(OrderedJSON)
        /// Raw bytes (`GET /v1/kv/:key?raw`).
        case raw([UInt8])
        /// 404 with an empty body (a missing KV key), the index headers still set.
        case notFound
    }

    /// A view's answer: the body, the `X-Consul-Index` it is consistent with, and what a blocking
    /// query on it watches (by default the same index). They differ for a service name with no
    /// instances: Consul reports the services table's index but wakes only for that name.
    struct ReadResult: Sendable {
        var body: ReadBody
        var index: UInt64
        var watched: UInt64
        /// What an identity that may read nothing sees (default: the body's empty list or map).
        var whenHidden: OrderedJSON?

        init(_ body: ReadBody, index: UInt64, watched: UInt64? = nil, whenHidden: OrderedJSON? = nil) {
            self.body = body
            self.index = index
            self.watched = watched ?? index
            self.whenHidden = whenHidden
        }
    }

    /// A catalog, health or KV read: validates the query options and the token, parses `?filter`
    /// (when `filterable`), blocks while what the view watches is not beyond `?index` (up to `?wait`
    /// plus jitter), and sets Consul's `X-Consul-*` headers. An identity that may not read gets the
    /// view emptied (ACL filtering), never a 403.
    static func read(
        _ request: HTTPServerRequest, agent: DevConsulAgent, acl: DevConsulACL, datacenter: String,
        filterable: Bool = true,
        view: @Sendable (DevConsulState, ConsulFilter?) throws(DevConsulError) -> ReadResult
    ) async -> HTTPServerResponse {
        await answer { () async throws(DevConsulError) -> HTTPServerResponse in
            let options = try DevConsulQueryOptions(request.query, datacenter: datacenter)
            let identity = try acl.identity(for: DevConsulACL.token(of: request))
            let filter = filterable ? try parseFilter(request) : nil
            let visible = acl.mayRead(identity)
            let clock = ContinuousClock()
            let deadline = clock.now + options.waitWithJitter
            var snapshot = await agent.snapshot
            var result = try view(snapshot, filter)
            // Blocks while what the view watches has not changed since the client's index, until it
            // does or the wait runs out; either way the reply is the view as it then is. Judged on
            // `watched`, not on the reply's index: a watcher of x whose request arrives after a write
            // to y (which moved the services table, and so x's index while x has no instances) must
            // still block.
            if options.minimumIndex > 0, result.watched <= options.minimumIndex {
                while clock.now < deadline, !Task.isCancelled {
                    await agent.waitForChange(since: snapshot.indexes.last, until: deadline)
                    snapshot = await agent.snapshot
                    result = try view(snapshot, filter)
                    if result.watched > options.minimumIndex { break }
                }
            }
            var response: HTTPServerResponse
            switch result.body {
            case .json(let json):
                response = .json((visible ? json : result.whenHidden ?? emptied(json)).prettyBytes)
            case .raw(let bytes):
                response = HTTPServerResponse(
                    status: 200,
                    headers: [
                        ("Content-Type", "text/plain"), ("X-Content-Type-Options", "nosniff"),
                        ("Content-Security-Policy", "sandbox"),
                    ], body: bytes)
            case .notFound: response = HTTPServerResponse(status: 404)
            }
            response.headers += [
                ("X-Consul-Effective-Consistency", options.consistency.rawValue),
                // Never 0: Consul rewrites 0 to 1 so that clients' blocking loops make progress.
                ("X-Consul-Index", String(max(1, result.index))),
                ("X-Consul-Knownleader", "true"),
                ("X-Consul-Lastcontact", "0"),
                ("X-Consul-Query-Backend", "blocking-query"),
            ]
            return response
        }
    }

    /// What an ACL-filtered list shows an identity that may read none of it.
    private static func emptied(_ json: OrderedJSON) -> OrderedJSON {
        switch json {
        case .array: .array([])
        case .object: .object([])
        default: json
        }
    }

    /// An array view with the filter applied to its elements.
    private static func filtered(_ json: OrderedJSON, _ filter: ConsulFilter?) -> OrderedJSON {
        guard let filter, case .array(let items) = json else { return json }
        return .array(filter.select(items))
    }

    /// `?filter`, or Consul's 500 when it does not parse.
    private static func parseFilter(_ request: HTTPServerRequest) throws(DevConsulError) -> ConsulFilter? {
        do {
            return try ConsulFilter.from(request.query)
        } catch {
            throw .internalError(error.consulMessage)
        }
    }

    /// Check updates need `service:write` on the check's service, or `node:write` for node checks;
    /// an unknown check falls through to the 404.
    private static func requireCheckWrite(
        _ acl: DevConsulACL, _ identity: DevConsulACL.Identity, checkID: String, agent: DevConsulAgent
    ) async throws(DevConsulError) {
        guard acl.isEnabled, let check = await agent.snapshot.checks[checkID], check.isAgentLocal else { return }
        if check.serviceName.isEmpty {
            try acl.require(identity, "node:write", on: await agent.configuration.nodeName)
        } else {
            try acl.require(identity, "service:write", on: check.serviceName)
        }
    }

    /// The path after `prefix` (percent-decoded), e.g. the service ID of a deregistration.
    private static func suffix(_ request: HTTPServerRequest, _ prefix: String) -> String {
        String(request.path.dropFirst(prefix.count))
    }

    /// `?passing` as Consul's `getBoolQueryParam`: present and empty means true; else Go's ParseBool.
    private static func passingParameter(_ query: HTTPQuery) throws(DevConsulError) -> Bool {
        guard let value = query.first("passing") else { return false }
        switch value {
        case "", "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: throw .badRequest("Invalid value for ?passing")
        }
    }

    /// The body of `PUT /v1/agent/check/update/:id` (Consul's `checkUpdate`).
    private static func decodeCheckUpdate(_ body: [UInt8]) throws(DevConsulError) -> (String, String) {
        do {
            let reader = try GoStructReader(
                try GoJSONDecoding.parse(body), structName: "checkUpdate", package: "agent",
                fields: ["Status", "Output"])
            return (try reader.string("Status"), try reader.string("Output"))
        } catch {
            throw .badRequest("Request decode failed: \(error.message)")
        }
    }
}

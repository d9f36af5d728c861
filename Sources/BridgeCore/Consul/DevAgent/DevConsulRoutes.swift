import BridgeEvents

/// The dev agent's HTTP front: Consul's routes, methods, parameters, status codes, headers and
/// plain-text errors (contract §0–§6, §10), over a `DevConsulAgent`. Bodies are pretty-printed as
/// `consul agent -dev` prints them.
enum DevConsulRoutes {
    static func router(agent: DevConsulAgent, configuration: DevConsulConfiguration) -> HTTPRouter {
        var router = HTTPRouter()
        router.redirectsUncleanPaths = true
        let datacenter = configuration.datacenter

        // MARK: agent

        router.on(["PUT"], "/v1/agent/service/register") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let definition = try DevConsulServiceDefinition.decode(request.body)
                try definition.validate()
                let replace = request.query.first("replace-existing-checks").map { $0.isEmpty || $0 == "true" } ?? false
                try await agent.register(definition, replaceExistingChecks: replace)
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["PUT"], "/v1/agent/service/deregister/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                try await agent.deregister(serviceID: suffix(request, "/v1/agent/service/deregister/"))
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["GET"], "/v1/agent/services") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                try refuseFilter(request)
                return .json(await agent.snapshot.agentServices().prettyBytes)
            }
        }
        router.on(["GET"], "/v1/agent/service/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let id = suffix(request, "/v1/agent/service/")
                guard let (json, hash) = await agent.snapshot.agentService(id: id) else {
                    throw .notFound("unknown service ID: \(id)")
                }
                var response = HTTPServerResponse.json(json.prettyBytes)
                response.headers.append(("X-Consul-Contenthash", hash))
                return response
            }
        }
        router.on(["GET"], "/v1/agent/checks") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                try refuseFilter(request)
                return .json(await agent.snapshot.agentChecks().prettyBytes)
            }
        }
        for (verb, status) in [
            ("pass", DevConsulCheckStatus.passing), ("warn", DevConsulCheckStatus.warning),
            ("fail", DevConsulCheckStatus.critical),
        ] {
            let prefix = "/v1/agent/check/\(verb)/"
            router.on(["PUT"], prefix) { request in
                await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                    try await agent.updateTTL(
                        checkID: suffix(request, prefix), status: status, output: request.query.first("note") ?? "")
                    return HTTPServerResponse(status: 200)
                }
            }
        }
        router.on(["PUT"], "/v1/agent/check/update/") { request in
            await answer { () async throws(DevConsulError) -> HTTPServerResponse in
                let (status, output) = try decodeCheckUpdate(request.body)
                guard DevConsulCheckStatus.isValid(status) else {
                    throw .badRequest("Invalid check status: '\(status)'")
                }
                try await agent.updateTTL(
                    checkID: suffix(request, "/v1/agent/check/update/"), status: status, output: output)
                return HTTPServerResponse(status: 200)
            }
        }
        router.on(["GET"], "/v1/agent/self") { _ in
            .json(await agent.snapshot.agentSelf().prettyBytes)
        }

        // MARK: catalog and health (index headers, blocking)

        router.on(["GET"], "/v1/catalog/services") { request in
            await read(request, agent: agent, datacenter: datacenter) { state throws(DevConsulError) in
                state.catalogServices()
            }
        }
        router.on(["GET"], "/v1/catalog/service/") { request in
            let name = suffix(request, "/v1/catalog/service/")
            let tags = request.query.values("tag")
            return await read(request, agent: agent, datacenter: datacenter) { state throws(DevConsulError) in
                guard !name.isEmpty else { throw .badRequest("Missing service name") }
                return state.catalogService(name: name, tags: tags)
            }
        }
        router.on(["GET"], "/v1/health/service/") { request in
            let name = suffix(request, "/v1/health/service/")
            let tags = request.query.values("tag")
            return await read(request, agent: agent, datacenter: datacenter) { state throws(DevConsulError) in
                guard !name.isEmpty else { throw .badRequest("Missing service name") }
                let passing = try passingParameter(request.query)
                return state.healthService(name: name, tags: tags, passingOnly: passing)
            }
        }
        router.on(["GET"], "/v1/health/state/") { request in
            let state = suffix(request, "/v1/health/state/")
            return await read(request, agent: agent, datacenter: datacenter) { snapshot throws(DevConsulError) in
                guard !state.isEmpty else { throw .badRequest("Missing check state") }
                return snapshot.healthState(state)
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
    private static func answer(
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

    /// A catalog or health read: validates the query options, blocks while the view's index is not
    /// beyond `?index` (up to `?wait`), and sets Consul's `X-Consul-*` headers.
    private static func read(
        _ request: HTTPServerRequest, agent: DevConsulAgent, datacenter: String,
        view: @Sendable (DevConsulState) throws(DevConsulError) -> (json: OrderedJSON, index: UInt64)
    ) async -> HTTPServerResponse {
        await answer { () async throws(DevConsulError) -> HTTPServerResponse in
            let options = try DevConsulQueryOptions(request.query, datacenter: datacenter)
            try refuseFilter(request)
            let clock = ContinuousClock()
            let deadline = clock.now + options.waitWithJitter
            var result = try view(await agent.snapshot)
            while options.minimumIndex > 0, result.index <= options.minimumIndex, clock.now < deadline,
                !Task.isCancelled
            {
                await agent.waitForChange(until: deadline)
                result = try view(await agent.snapshot)
            }
            var response = HTTPServerResponse.json(result.json.prettyBytes)
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

    /// The path after `prefix` (percent-decoded), e.g. the service ID of a deregistration.
    private static func suffix(_ request: HTTPServerRequest, _ prefix: String) -> String {
        String(request.path.dropFirst(prefix.count))
    }

    /// `?filter` needs go-bexpr; this stand-in says so instead of ignoring it.
    private static func refuseFilter(_ request: HTTPServerRequest) throws(DevConsulError) {
        if let filter = request.query.first("filter"), !filter.isEmpty {
            throw .badRequest(
                "bridgectl dev consul does not evaluate ?filter expressions; omit ?filter and filter on the client side"
            )
        }
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

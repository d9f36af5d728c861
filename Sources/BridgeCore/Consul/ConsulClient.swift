import BridgeEvents
import Logging

/// Consul's HTTP API, the subset bridgectl uses (contracts/consul-api.md), over `CurlHTTPClient`:
/// kept-alive connections, bounded parallelism, timeouts. The same code talks to a real agent and
/// to `bridgectl dev consul`. Every ID that goes into a path is percent-encoded; the token travels
/// in `X-Consul-Token` and is never logged; Consul's plain-text error bodies end up in `ConsulError`.
public final class ConsulClient: Sendable {
    public let settings: ConsulSettings
    private let http: CurlHTTPClient
    private let logger: Logger

    public init(settings: ConsulSettings, http: CurlHTTPClient, logger: Logger = Logger(label: "bridgectl.consul")) {
        self.settings = settings
        self.http = http
        self.logger = logger
    }

    /// A client with its own connection pool of `maximumConnections`.
    public convenience init(
        settings: ConsulSettings, maximumConnections: Int = 8, connectTimeout: Duration = .seconds(3),
        requestTimeout: Duration = .seconds(10), logger: Logger = Logger(label: "bridgectl.consul")
    ) {
        self.init(
            settings: settings,
            http: CurlHTTPClient(
                configuration: .init(
                    maximumConnections: maximumConnections, connectTimeout: connectTimeout,
                    requestTimeout: requestTimeout, userAgent: "bridgectl-consul")), logger: logger)
    }

    /// Lets the pool's threads exit (also done when the client is released).
    public func shutdown() { http.shutdown() }

    // MARK: - Agent writes

    /// `PUT /v1/agent/service/register`. With `replaceExistingChecks`, checks of this service that
    /// the definition does not list are removed.
    public func register(
        _ service: ConsulServiceDefinition, replaceExistingChecks: Bool = false
    )
        async throws(ConsulError)
    {
        var query = HTTPQuery()
        if replaceExistingChecks { query.append("replace-existing-checks", "true") }
        _ = try await send(
            "PUT", "/v1/agent/service/register", query: query, body: JSONWriter.bytes(service.json),
            operation: "register service \(GoText.quote(service.id))")
    }

    /// `PUT /v1/agent/service/deregister/:id`: the service and its checks. An unknown ID is a 404
    /// (`ConsulError.status`), as on Consul ≥ 1.11.
    public func deregister(serviceID: String) async throws(ConsulError) {
        _ = try await send(
            "PUT", "/v1/agent/service/deregister/" + PercentEncoding.encodeComponent(serviceID),
            operation: "deregister service \(GoText.quote(serviceID))")
    }

    /// `PUT /v1/agent/check/{pass,warn,fail}/:id?note=`: sets a TTL check and restarts its timer.
    public func updateTTL(checkID: String, status: ConsulCheckStatus, note: String = "") async throws(ConsulError) {
        let verb: String
        switch status {
        case .passing: verb = "pass"
        case .warning: verb = "warn"
        default: verb = "fail"
        }
        var query = HTTPQuery()
        if !note.isEmpty { query.append("note", note) }
        _ = try await send(
            "PUT", "/v1/agent/check/\(verb)/" + PercentEncoding.encodeComponent(checkID), query: query,
            operation: "\(verb) check \(GoText.quote(checkID))")
    }

    /// `PUT /v1/agent/check/update/:id` with `{"Status","Output"}`.
    public func updateTTL(checkID: String, status: ConsulCheckStatus, output: String) async throws(ConsulError) {
        let body: JSONValue = ["Status": .string(status.description), "Output": .string(output)]
        _ = try await send(
            "PUT", "/v1/agent/check/update/" + PercentEncoding.encodeComponent(checkID), body: JSONWriter.bytes(body),
            operation: "update check \(GoText.quote(checkID))")
    }

    // MARK: - Agent reads

    /// `GET /v1/agent/services[?filter=]`: this agent's services by ID.
    public func agentServices(filter: String? = nil) async throws(ConsulError) -> [String: ConsulAgentService] {
        var query = HTTPQuery()
        if let filter { query.append("filter", filter) }
        let operation = "list agent services"
        let response = try await send("GET", "/v1/agent/services", query: query, operation: operation)
        return try decode(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            guard case .object(let members) = json else {
                throw ConsulJSONReader.Mismatch(description: "expected an object keyed by service ID")
            }
            var services: [String: ConsulAgentService] = [:]
            for (id, value) in members { services[id] = try ConsulAgentService(json: value) }
            return services
        }
    }

    /// `GET /v1/agent/service/:id`, or nil when the agent does not know the ID.
    public func agentService(id: String) async throws(ConsulError) -> ConsulAgentService? {
        let operation = "read agent service \(GoText.quote(id))"
        let response = try await send(
            "GET", "/v1/agent/service/" + PercentEncoding.encodeComponent(id), operation: operation,
            notFoundIsAnswer: true)
        if response.status == 404 { return nil }
        return try decode(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            try ConsulAgentService(json: json)
        }
    }

    /// `GET /v1/agent/checks[?filter=]`: this agent's checks by ID.
    public func agentChecks(filter: String? = nil) async throws(ConsulError) -> [String: ConsulHealthCheck] {
        var query = HTTPQuery()
        if let filter { query.append("filter", filter) }
        let operation = "list agent checks"
        let response = try await send("GET", "/v1/agent/checks", query: query, operation: operation)
        return try decode(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            guard case .object(let members) = json else {
                throw ConsulJSONReader.Mismatch(description: "expected an object keyed by check ID")
            }
            var checks: [String: ConsulHealthCheck] = [:]
            for (id, value) in members { checks[id] = try ConsulHealthCheck(json: value) }
            return checks
        }
    }

    /// `GET /v1/agent/self`.
    public func agentSelf() async throws(ConsulError) -> ConsulAgentInfo {
        let operation = "read agent/self"
        let response = try await send("GET", "/v1/agent/self", operation: operation)
        return try decode(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            try ConsulAgentInfo(json: json)
        }
    }

    /// `GET /v1/status/leader`: the leader's RPC address, "" when there is none.
    public func leader() async throws(ConsulError) -> String {
        let operation = "read the leader"
        let response = try await send("GET", "/v1/status/leader", operation: operation)
        return try decode(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            guard case .string(let address) = json else {
                throw ConsulJSONReader.Mismatch(description: "expected a JSON string")
            }
            return address
        }
    }

    // MARK: - Catalog and health

    /// `GET /v1/catalog/services`: every service name with its tags.
    public func catalogServices(
        _ options: ConsulQueryOptions = .init()
    ) async throws(ConsulError)
        -> ConsulQueryResult<[String: [String]]>
    {
        let operation = "list catalog services"
        let response = try await send("GET", "/v1/catalog/services", options: options, operation: operation)
        return try indexed(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            guard case .object(let members) = json else {
                throw ConsulJSONReader.Mismatch(description: "expected an object keyed by service name")
            }
            var services: [String: [String]] = [:]
            for (name, tags) in members {
                services[name] = try ConsulJSONReader(["Tags": tags]).strings("Tags")
            }
            return services
        }
    }

    /// `GET /v1/catalog/service/:name[?tag=…]`: the instances (`[]` when the name is unknown).
    public func catalogService(
        name: String, tags: [String] = [], _ options: ConsulQueryOptions = .init()
    )
        async throws(ConsulError) -> ConsulQueryResult<[ConsulCatalogService]>
    {
        var query = HTTPQuery()
        for tag in tags { query.append("tag", tag) }
        let operation = "read catalog service \(GoText.quote(name))"
        let response = try await send(
            "GET", "/v1/catalog/service/" + PercentEncoding.encodeComponent(name), query: query, options: options,
            operation: operation)
        return try indexed(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            try Self.array(json).map { (item) throws(ConsulJSONReader.Mismatch) in try ConsulCatalogService(json: item)
            }
        }
    }

    /// `GET /v1/health/service/:name[?passing][&tag=…]`: instances with their node and checks.
    public func healthService(
        name: String, passingOnly: Bool = false, tags: [String] = [], _ options: ConsulQueryOptions = .init()
    ) async throws(ConsulError) -> ConsulQueryResult<[ConsulServiceEntry]> {
        var query = HTTPQuery()
        if passingOnly { query.append("passing", "") }
        for tag in tags { query.append("tag", tag) }
        let operation = "read health of service \(GoText.quote(name))"
        let response = try await send(
            "GET", "/v1/health/service/" + PercentEncoding.encodeComponent(name), query: query, options: options,
            operation: operation)
        return try indexed(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            try Self.array(json).map { (item) throws(ConsulJSONReader.Mismatch) in try ConsulServiceEntry(json: item) }
        }
    }

    /// `GET /v1/health/state/:state` (nil: `any`).
    public func healthState(
        _ status: ConsulCheckStatus?, _ options: ConsulQueryOptions = .init()
    )
        async throws(ConsulError) -> ConsulQueryResult<[ConsulHealthCheck]>
    {
        let state = status?.description ?? "any"
        let operation = "list \(state) checks"
        let response = try await send(
            "GET", "/v1/health/state/" + PercentEncoding.encodeComponent(state), options: options, operation: operation)
        return try indexed(response, operation) { (json) throws(ConsulJSONReader.Mismatch) in
            try Self.array(json).map { (item) throws(ConsulJSONReader.Mismatch) in try ConsulHealthCheck(json: item) }
        }
    }

    // MARK: - Plumbing

    private func send(
        _ method: String, _ path: String, query: HTTPQuery = HTTPQuery(), options: ConsulQueryOptions? = nil,
        body: [UInt8]? = nil, operation: String, notFoundIsAnswer: Bool = false
    ) async throws(ConsulError) -> HTTPClientResponse {
        var query = query
        options?.apply(to: &query)
        let encodedQuery = query.encoded
        var headers: [(name: String, value: String)] = []
        if let token = settings.token, !token.isEmpty { headers.append((name: "X-Consul-Token", value: token)) }
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        let request = HTTPClientRequest(
            method: method, url: settings.baseURL + path + (encodedQuery.isEmpty ? "" : "?" + encodedQuery),
            headers: headers, body: body, timeout: options?.requestTimeout)
        let response: HTTPClientResponse
        do {
            response = try await http.send(request)
        } catch {
            if error == .cancelled {
                throw ConsulError(kind: .cancelled, operation: operation, detail: "", address: settings.baseURL)
            }
            let reason: String
            switch error {
            case .connectionFailed(_, let detail), .timedOut(_, let detail), .transport(_, let detail): reason = detail
            default: reason = error.description
            }
            logger.debug(
                "consul unreachable", metadata: ["consul.operation": "\(operation)", "consul.error": "\(reason)"])
            throw ConsulError(kind: .unreachable, operation: operation, detail: reason, address: settings.baseURL)
        }
        guard (200..<300).contains(response.status) || (notFoundIsAnswer && response.status == 404) else {
            logger.debug(
                "consul refused",
                metadata: ["consul.operation": "\(operation)", "consul.status": "\(response.status)"])
            throw ConsulError(
                kind: .rejected(status: response.status), operation: operation, detail: response.text,
                address: settings.baseURL)
        }
        return response
    }

    private func decode<Value>(
        _ response: HTTPClientResponse, _ operation: String,
        _ body: (JSONValue) throws(ConsulJSONReader.Mismatch) -> Value
    ) throws(ConsulError) -> Value {
        do {
            return try body(try JSONParser.parse(response.body))
        } catch let failure as JSONParser.Failure {
            throw ConsulError(
                kind: .unexpectedResponse, operation: operation, detail: "invalid JSON: \(failure)",
                address: settings.baseURL)
        } catch let mismatch as ConsulJSONReader.Mismatch {
            throw ConsulError(
                kind: .unexpectedResponse, operation: operation, detail: mismatch.description,
                address: settings.baseURL)
        } catch {
            throw ConsulError(
                kind: .unexpectedResponse, operation: operation, detail: "\(error)", address: settings.baseURL)
        }
    }

    private func indexed<Value>(
        _ response: HTTPClientResponse, _ operation: String,
        _ body: (JSONValue) throws(ConsulJSONReader.Mismatch) -> Value
    ) throws(ConsulError) -> ConsulQueryResult<Value> {
        let value = try decode(response, operation, body)
        return ConsulQueryResult(
            value: value, index: max(1, response.header("X-Consul-Index").flatMap { UInt64($0) } ?? 1),
            knownLeader: response.header("X-Consul-KnownLeader") == "true",
            lastContact: response.header("X-Consul-LastContact").flatMap { Int($0) } ?? 0)
    }

    private static func array(_ json: JSONValue) throws(ConsulJSONReader.Mismatch) -> [JSONValue] {
        guard case .array(let items) = json else {
            throw ConsulJSONReader.Mismatch(description: "expected a JSON array, got \(json.typeName)")
        }
        return items
    }
}

import BridgeEvents

extension NodeRunner {
    /// The events a node may hold unacknowledged before it calls itself unhealthy: far more than the
    /// one heartbeat per node and the odd introspection that it ever buffers in normal operation.
    public var bufferLimit: Int { max(1_000, 10 * max(state.count, 1)) }

    /// `/health` (node nil: the whole process) or `/nodes/{id}/health`; nil for an unknown node.
    public func healthReport(nodeID: String? = nil) -> (health: NodeHealth, body: JSONValue)? {
        let snapshot = state.snapshot
        let buffered = bufferedEvents
        let health = NodeHealth.assess(
            kafkaReachable: snapshot.connectivity.isReachable, bufferedEvents: buffered, bufferLimit: bufferLimit)
        let now = elapsed()
        var kafka: [String: JSONValue] = [
            "reachable": .bool(snapshot.connectivity.isReachable),
            "state": .string(snapshot.connectivity.state.rawValue),
            "brokers": .string(options.kafka.brokers),
            "listening_for_registry_requests": .bool(snapshot.listeningForRequests),
        ]
        if let failure = snapshot.connectivity.lastFailure { kafka["last_error"] = .string(failure) }
        var body: [String: JSONValue] = [
            "status": .string(health.rawValue),
            "kafka": .object(kafka),
            "last_successful_publish_seconds_ago": snapshot.connectivity.lastSuccessfulPublish.map {
                .double(Self.round3(now - $0))
            } ?? .null,
            "buffered_events": .int(Int64(buffered)),
            "uptime_seconds": .double(Self.round3(now)),
            "nodes": .int(Int64(snapshot.nodeCount)),
        ]
        if let lastPublish = snapshot.connectivity.lastSuccessfulPublish {
            let ago = Int64((now - lastPublish) * 1_000_000)
            body["last_successful_publish"] = .string(EventTimestamp.now().adding(microseconds: -ago).formatted)
        } else {
            body["last_successful_publish"] = .null
        }
        let node: NodeFleetState.Node?
        if let nodeID {
            guard let found = state.node(nodeID) else { return nil }
            node = found
        } else {
            node = snapshot.nodeCount == 1 ? state.node(at: 0) : nil
        }
        if let node {
            body["node_id"] = .string(node.profile.nodeID)
            body["node_type"] = .string(node.profile.nodeType.rawValue)
            body["active_operations"] = .int(node.activeOperations)
            body["last_heartbeat_acknowledged"] = node.lastHeartbeatAck.map { .string($0.formatted) } ?? .null
            body["heartbeats_acknowledged"] = .int(Int64(node.heartbeatsAcknowledged))
        }
        return (health, .object(body))
    }

    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// The node's routes: `/health`, `/metrics`, `/introspection`, `/control/…` and, per node,
    /// `/nodes/{id}/health|introspection|control/…`.
    public func router() -> HTTPRouter {
        var router = HTTPRouter()
        router.on(["GET"], "/health") { _ in self.healthResponse(nodeID: nil) }
        router.on(["GET"], "/metrics") { _ in
            self.updateScrapeGauges()
            return HTTPServerResponse(
                status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                body: self.metrics.render())
        }
        router.on(["GET"], "/introspection") { _ in
            let nodes = (0..<self.state.count).compactMap { self.state.node(at: $0) }
            let payloads = nodes.map { self.currentIntrospection(of: $0).json() }
            return .json(JSONWriter.bytes(payloads.count == 1 ? payloads[0] : .array(payloads)))
        }
        router.on(["PUT", "POST"], "/control/") { request in
            self.control(request, action: String(request.path.dropFirst("/control/".count)), nodeID: nil)
        }
        router.on(["GET", "PUT", "POST"], "/nodes/") { request in
            let rest = request.path.dropFirst("/nodes/".count)
            guard let slash = rest.firstIndex(of: "/") else { return .text(404, "no such node resource") }
            let nodeID = String(rest[..<slash])
            let resource = rest[rest.index(after: slash)...]
            guard self.state.node(nodeID) != nil else { return .text(404, "no node \(nodeID) here") }
            switch (request.method, resource) {
            case ("GET", "health"): return self.healthResponse(nodeID: nodeID)
            case ("GET", "introspection"):
                guard let node = self.state.node(nodeID) else { return .text(404, "no node \(nodeID) here") }
                return .json(JSONWriter.bytes(self.currentIntrospection(of: node).json()))
            case (_, let path)
            where path.hasPrefix("control/") && (request.method == "PUT" || request.method == "POST"):
                return self.control(request, action: String(path.dropFirst("control/".count)), nodeID: nodeID)
            default: return .text(404, "no such node resource")
            }
        }
        return router
    }

    private func healthResponse(nodeID: String?) -> HTTPServerResponse {
        guard let (health, body) = healthReport(nodeID: nodeID) else {
            return .text(404, "no node \(nodeID ?? "") here")
        }
        return .json(JSONWriter.bytes(body), status: health.httpStatus)
    }

    private func control(_ request: HTTPServerRequest, action: String, nodeID: String?) -> HTTPServerResponse {
        let change: ActiveOperationsChange
        do {
            change = try ActiveOperationsChange(method: request.method, action: action, body: request.body)
        } catch {
            return .json(JSONWriter.bytes(["error": .string(error.message)]), status: 400)
        }
        guard let values = state.changeActiveOperations(change, nodeID: nodeID) else {
            return .text(404, "no node \(nodeID ?? "") here")
        }
        if let target = nodeID ?? (values.count == 1 ? values.keys.first : nil), let value = values[target] {
            return .json(JSONWriter.bytes(["node_id": .string(target), "active_operations": .int(value)]))
        }
        return .json(JSONWriter.bytes(["active_operations": .object(values.mapValues(JSONValue.int))]))
    }

    private func updateScrapeGauges() {
        let snapshot = state.snapshot
        metrics.bufferedEvents.set(to: Double(bufferedEvents))
        metrics.kafkaReachable.set(to: snapshot.connectivity.isReachable ? 1 : 0)
        metrics.secondsSinceLastPublish.set(
            to: snapshot.connectivity.lastSuccessfulPublish.map { elapsed() - $0 } ?? -1)
    }
}

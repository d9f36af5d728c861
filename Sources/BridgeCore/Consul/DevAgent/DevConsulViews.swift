/// What the read endpoints return, rendered with Consul's field names and order (contract §3–§6,
/// §10). Each catalog/health view also returns the `X-Consul-Index` it is consistent with.
extension DevConsulState {
    // MARK: - Agent (local state, no indexes)

    /// `GET /v1/agent/services`: agent-local services by ID.
    func agentServices() -> OrderedJSON {
        .map(
            services.values.filter(\.isAgentLocal).reduce(into: [:]) { result, service in
                result[service.id] = agentService(service, contentHash: nil)
            })
    }

    /// `GET /v1/agent/service/:id`: the service with its `ContentHash` (also sent as a header).
    func agentService(id: String) -> (json: OrderedJSON, contentHash: String)? {
        guard let service = services[id], service.isAgentLocal else { return nil }
        let hash = Self.contentHash(agentService(service, contentHash: nil).pretty)
        return (agentService(service, contentHash: hash), hash)
    }

    /// `GET /v1/agent/checks`: agent-local checks by ID.
    func agentChecks() -> OrderedJSON {
        .map(
            checks.values.filter(\.isAgentLocal).reduce(into: [:]) { result, check in
                result[check.id] = healthCheck(check, withIndexes: false)
            })
    }

    /// `GET /v1/agent/self`: what a client needs (`Config.NodeName`, `Datacenter`, `Version`) and
    /// the rest of the shape in small.
    func agentSelf() -> OrderedJSON {
        .object([
            .init(
                "Config",
                .object([
                    .init("Datacenter", .string(node.datacenter)),
                    .init("PrimaryDatacenter", .string(node.datacenter)),
                    .init("NodeName", .string(node.name)),
                    .init("NodeID", .string(node.id)),
                    .init("Revision", .string("bridgectl-dev")),
                    .init("Server", .bool(true)),
                    .init("Version", .string(DevConsulConfiguration.emulatedVersion)),
                    .init("BuildDate", .string("1970-01-01T00:00:01Z")),
                ])),
            .init(
                "DebugConfig",
                .object([.init("DevMode", .bool(true)), .init("ACLsEnabled", .bool(configuration.aclToken != nil))])),
            .init(
                "Coord",
                .object([
                    .init("Vec", .array(Array(repeating: .int(0), count: 8))), .init("Error", .int(1)),
                    .init("Adjustment", .int(0)), .init("Height", .int(0)),
                ])),
            .init(
                "Member",
                .object([
                    .init("Name", .string(node.name)), .init("Addr", .string(node.address)), .init("Port", .int(8301)),
                    .init(
                        "Tags",
                        .stringMap([
                            "dc": node.datacenter, "id": node.id, "role": "consul",
                            "build": DevConsulConfiguration.emulatedVersion,
                            "bootstrap": "1",
                        ])),
                    .init("Status", .int(1)), .init("ProtocolMin", .int(1)), .init("ProtocolMax", .int(5)),
                    .init("ProtocolCur", .int(2)), .init("DelegateMin", .int(2)), .init("DelegateMax", .int(5)),
                    .init("DelegateCur", .int(4)),
                ])),
            .init(
                "Stats",
                .object([
                    .init(
                        "agent",
                        .stringMap([
                            "check_monitors": "0",
                            "check_ttls": String(checks.values.filter(\.isTTL).count),
                            "checks": String(checks.values.filter(\.isAgentLocal).count),
                            "services": String(services.values.filter(\.isAgentLocal).count),
                        ])),
                    .init("raft", .stringMap(["last_log_index": String(indexes.last), "state": "Leader"])),
                ])),
            .init("Meta", .stringMap(node.meta)),
        ])
    }

    // MARK: - Catalog

    /// `GET /v1/catalog/services`: every service name with the union of its instances' tags; a
    /// filter runs per instance, over its ServiceNode view, before the union.
    func catalogServices(filter: ConsulFilter? = nil) -> (json: OrderedJSON, index: UInt64) {
        var tagsByName: [String: [String]] = [:]
        for service in services.values.sorted(by: { $0.id < $1.id }) {
            if let filter, !filter.holds(for: serviceNode(service)) { continue }
            var tags = tagsByName[service.name] ?? []
            for tag in service.tags where !tags.contains(tag) { tags.append(tag) }
            tagsByName[service.name] = tags
        }
        return (.map(tagsByName.mapValues { .strings($0) }), indexes.services)
    }

    /// `GET /v1/catalog/service/:name?tag=…`: instances carrying every given tag (case-insensitive).
    func catalogService(name: String, tags: [String]) -> (json: OrderedJSON, index: UInt64, watched: UInt64) {
        (
            .array(instances(of: name, tags: tags).map(serviceNode)), indexes.forService(name),
            indexes.watchedForService(name)
        )
    }

    /// `GET /v1/catalog/nodes`: the one node.
    func catalogNodes() -> (json: OrderedJSON, index: UInt64) {
        let others = otherNodes.values.sorted { $0.name < $1.name }.map { nodeJSON($0) }
        return (.array([nodeJSON()] + others), indexes.nodes)
    }

    /// `GET /v1/catalog/node/:node`: the node and its services by ID (`null` for another node); a
    /// filter runs over the services.
    func catalogNode(_ name: String, filter: ConsulFilter?) -> (json: OrderedJSON, index: UInt64) {
        let index = max(indexes.nodes, indexes.services)
        guard let found = self.node(named: name) else { return (.null, index) }
        let nodeName = found.name == node.name ? "" : found.name
        var services: [OrderedJSON.Member] = []
        for service in self.services.values.filter({ $0.nodeName == nodeName }).sorted(by: { $0.id < $1.id }) {
            let json = nodeService(service)
            if let filter, !filter.holds(for: json) { continue }
            services.append(.init(service.id, json))
        }
        return (.object([.init("Node", nodeJSON(found)), .init("Services", .object(services))]), index)
    }

    // MARK: - Health

    /// `GET /v1/health/node/:node`: every check on the node (`[]` for another node).
    func healthNode(_ name: String) -> (json: OrderedJSON, index: UInt64) {
        let selected = name == node.name ? checks.values.sorted { $0.id < $1.id } : []
        return (.array(selected.map { healthCheck($0, withIndexes: true) }), indexes.checks)
    }

    /// `GET /v1/health/checks/:service`: the checks of every instance of a service name.
    func healthChecks(service name: String) -> (json: OrderedJSON, index: UInt64, watched: UInt64) {
        let selected = serviceIDsByName[name, default: []].flatMap { checkIDsByService[$0, default: []] }
            .compactMap { checks[$0] }.sorted { $0.id < $1.id }
        return (
            .array(selected.map { healthCheck($0, withIndexes: true) }), indexes.forService(name),
            indexes.watchedForService(name)
        )
    }

    /// `GET /v1/health/service/:name`: `{Node, Service, Checks}` per instance; `passingOnly` keeps
    /// the entries whose every check (node checks included) is passing.
    func healthService(
        name: String, tags: [String], passingOnly: Bool
    ) -> (json: OrderedJSON, index: UInt64, watched: UInt64) {
        let nodeChecks = checkIDsByService["", default: []].compactMap { checks[$0] }
        var entries: [OrderedJSON] = []
        for service in instances(of: name, tags: tags) {
            // Only the agent's node has checks (serfHealth and the agent's); txn nodes have none.
            let serviceChecks = checkIDsByService[service.key, default: []].compactMap { checks[$0] }
            let entryChecks = ((service.nodeName.isEmpty ? nodeChecks : []) + serviceChecks).sorted { $0.id < $1.id }
            if passingOnly, entryChecks.contains(where: { $0.status != DevConsulCheckStatus.passing }) { continue }
            entries.append(
                .object([
                    .init("Node", nodeJSON(nodeRecord(of: service))),
                    .init("Service", nodeService(service)),
                    .init("Checks", .array(entryChecks.map { healthCheck($0, withIndexes: true) })),
                ]))
        }
        return (.array(entries), indexes.forService(name), indexes.watchedForService(name))
    }

    /// `GET /v1/health/state/:state`: checks in that state (`any`: all), sorted by node and ID.
    func healthState(_ state: String) -> (json: OrderedJSON, index: UInt64) {
        let selected = checks.values.filter { state == "any" || $0.status == state }.sorted { $0.id < $1.id }
        return (.array(selected.map { healthCheck($0, withIndexes: true) }), indexes.checks)
    }

    // MARK: - Shapes

    private func instances(of name: String, tags: [String]) -> [DevConsulServiceRecord] {
        let wanted = tags.map { $0.lowercased() }
        return serviceIDsByName[name, default: []].compactMap { services[$0] }.filter { service in
            wanted.allSatisfy { tag in service.tags.contains { $0.lowercased() == tag } }
        }.sorted { $0.id < $1.id }
    }

    private func agentService(_ service: DevConsulServiceRecord, contentHash: String?) -> OrderedJSON {
        var members: [OrderedJSON.Member] = [
            .init("ID", .string(service.id)),
            .init("Service", .string(service.name)),
            .init("Tags", .strings(service.tags)),
            .init("Meta", .stringMap(service.meta)),
            .init("Port", .int(service.port)),
            .init("Address", .string(service.address)),
        ]
        if !service.socketPath.isEmpty { members.append(.init("SocketPath", .string(service.socketPath))) }
        if !service.taggedAddresses.isEmpty { members.append(.init("TaggedAddresses", taggedAddresses(service))) }
        members.append(.init("Weights", weights(service.weights)))
        members.append(.init("EnableTagOverride", .bool(service.enableTagOverride)))
        if let contentHash { members.append(.init("ContentHash", .string(contentHash))) }
        members.append(.init("Datacenter", .string(node.datacenter)))
        return .object(members)
    }

    /// The node a service runs on.
    private func nodeRecord(of service: DevConsulServiceRecord) -> DevConsulNode {
        service.nodeName.isEmpty ? node : otherNodes[service.nodeName] ?? node
    }

    private func serviceNode(_ service: DevConsulServiceRecord) -> OrderedJSON {
        let node = nodeRecord(of: service)
        var members: [OrderedJSON.Member] = [
            .init("ID", .string(node.id)),
            .init("Node", .string(node.name)),
            .init("Address", .string(node.address)),
            .init("Datacenter", .string(node.datacenter)),
            .init("TaggedAddresses", nodeTaggedAddresses(node)),
            .init("NodeMeta", .stringMap(node.meta)),
            .init("ServiceKind", .string("")),
            .init("ServiceID", .string(service.id)),
            .init("ServiceName", .string(service.name)),
            .init("ServiceTags", .strings(service.tags)),
            .init("ServiceAddress", .string(service.address)),
        ]
        if !service.taggedAddresses.isEmpty {
            members.append(.init("ServiceTaggedAddresses", taggedAddresses(service)))
        }
        members += [
            .init("ServiceWeights", weights(service.weights)),
            .init("ServiceMeta", .stringMap(service.meta)),
            .init("ServicePort", .int(service.port)),
            .init("ServiceSocketPath", .string(service.socketPath)),
            .init("ServiceEnableTagOverride", .bool(service.enableTagOverride)),
            .init("ServiceProxy", Self.emptyProxy),
            .init("ServiceConnect", .object([])),
            .init("ServiceLocality", .null),
            .init("CreateIndex", .uint(service.createIndex)),
            .init("ModifyIndex", .uint(service.modifyIndex)),
        ]
        return .object(members)
    }

    /// A NodeService as `/v1/health/service` shows it: `Port` omitted when 0.
    func nodeService(_ service: DevConsulServiceRecord) -> OrderedJSON {
        var members: [OrderedJSON.Member] = [
            .init("ID", .string(service.id)),
            .init("Service", .string(service.name)),
            .init("Tags", .strings(service.tags)),
            .init("Address", .string(service.address)),
        ]
        if !service.taggedAddresses.isEmpty { members.append(.init("TaggedAddresses", taggedAddresses(service))) }
        members.append(.init("Meta", .stringMap(service.meta)))
        if service.port != 0 { members.append(.init("Port", .int(service.port))) }
        if !service.socketPath.isEmpty { members.append(.init("SocketPath", .string(service.socketPath))) }
        members += [
            .init("Weights", weights(service.weights)),
            .init("EnableTagOverride", .bool(service.enableTagOverride)),
            .init("Proxy", Self.emptyProxy),
            .init("Connect", .object([])),
            .init("CreateIndex", .uint(service.createIndex)),
            .init("ModifyIndex", .uint(service.modifyIndex)),
        ]
        return .object(members)
    }

    /// A Node as catalog and health show it (default: the agent's).
    func nodeJSON(_ shown: DevConsulNode? = nil) -> OrderedJSON {
        let node = shown ?? self.node
        return .object([
            .init("ID", .string(node.id)),
            .init("Node", .string(node.name)),
            .init("Address", .string(node.address)),
            .init("Datacenter", .string(node.datacenter)),
            .init("TaggedAddresses", nodeTaggedAddresses(node)),
            .init("Meta", .stringMap(node.meta)),
            .init("CreateIndex", .uint(node.createIndex)),
            .init("ModifyIndex", .uint(node.modifyIndex)),
        ])
    }

    private func healthCheck(_ check: DevConsulCheckRecord, withIndexes: Bool) -> OrderedJSON {
        .object([
            .init("Node", .string(node.name)),
            .init("CheckID", .string(check.id)),
            .init("Name", .string(check.name)),
            .init("Status", .string(check.status)),
            .init("Notes", .string(check.notes)),
            .init("Output", .string(check.output)),
            .init("ServiceID", .string(check.serviceID)),
            .init("ServiceName", .string(check.serviceName)),
            .init("ServiceTags", .strings(check.serviceTags)),
            .init("Type", .string(check.type)),
            .init("Interval", .string(check.interval == .zero ? "" : check.interval.description)),
            .init("Timeout", .string(check.timeout == .zero ? "" : check.timeout.description)),
            .init("ExposedPort", .int(0)),
            .init("Definition", .object([])),
            .init("CreateIndex", .uint(withIndexes ? check.createIndex : 0)),
            .init("ModifyIndex", .uint(withIndexes ? check.modifyIndex : 0)),
        ])
    }

    private func taggedAddresses(_ service: DevConsulServiceRecord) -> OrderedJSON {
        .map(
            service.taggedAddresses.mapValues {
                .object([.init("Address", .string($0.address)), .init("Port", .int($0.port))])
            })
    }

    private func nodeTaggedAddresses(_ node: DevConsulNode) -> OrderedJSON {
        .stringMap(
            node.taggedAddresses
                ?? ["lan": node.address, "lan_ipv4": node.address, "wan": node.address, "wan_ipv4": node.address])
    }

    private func weights(_ weights: DevConsulWeights) -> OrderedJSON {
        .object([.init("Passing", .int(weights.passing)), .init("Warning", .int(weights.warning))])
    }

    private static let emptyProxy = OrderedJSON.object([
        .init("Mode", .string("")), .init("MeshGateway", .object([])), .init("Expose", .object([])),
    ])

    /// A stable hash of a service's rendering (Consul hashes the struct; any stable hash will do
    /// for clients, which only compare it).
    static func contentHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

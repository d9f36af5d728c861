import BridgeEvents

extension RegistryNodeState {
    /// What a restarted registry knows of a node from its PostgreSQL row: its generation (so replays
    /// stay stale), and the registration its stored announcement asks for. Consul's side is unknown
    /// (`registration` nil) until the agent has been compared with it.
    public init(record: NodeRegistrationRecord, options: RegistryOptions, now: Double) {
        let announcement = record.announcement
        let nodeType = NodeType(rawValue: record.nodeType) ?? announcement?.nodeType ?? .effect
        self.init(
            nodeID: record.nodeID, nodeType: nodeType, environment: record.environment,
            generation: record.generation,
            desiredRegistration: record.isDeregistered
                ? nil : announcement.map { ServiceRegistrationBuilder.build($0, options: options) },
            heartbeatIntervalSeconds: announcement?.heartbeatIntervalSeconds ?? options.defaultHeartbeatIntervalSeconds,
            lastHeardAt: now, deregistered: record.isDeregistered)
    }
}

extension NodeRegistrationRecord {
    /// The stored announcement as the contract's payload, nil if the row no longer passes the
    /// contract (a row written by another tool).
    public var announcement: NodeIntrospection? {
        func object(_ text: String) -> JSONValue {
            (try? JSONParser.parse(Array(text.utf8))).flatMap { $0.objectValue.map(JSONValue.object) } ?? [:]
        }
        var payload: [String: JSONValue] = [
            "node_id": .string(nodeID), "node_type": .string(nodeType), "node_version": .string(nodeVersion),
            "capabilities": object(capabilities), "endpoints": object(endpoints), "metadata": object(metadata),
        ]
        if let nodeRole { payload["node_role"] = .string(nodeRole) }
        if let epoch { payload["epoch"] = .int(epoch) }
        let envelope = try? ContractEventBuilder.build(
            type: .nodeIntrospection, payload: payload,
            envelope: .init(environment: environment, sourceVersion: nodeVersion))
        if case .introspection(let node)? = envelope?.payload { return node }
        return nil
    }
}

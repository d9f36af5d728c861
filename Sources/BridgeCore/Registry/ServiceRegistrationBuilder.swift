import BridgeEvents

/// Builds the Consul registration of a node from its announcement (DESIGN.md §4.5, §4.11): ID = node
/// id, Name from the template, tags and meta naming type, role, environment and owner, address and
/// port from the `api` endpoint (else `health`), a TTL check of 3 × the node's heartbeat interval.
public enum ServiceRegistrationBuilder {
    public static func build(_ node: NodeIntrospection, options: RegistryOptions) -> ServiceRegistration {
        let interval = node.heartbeatIntervalSeconds ?? options.defaultHeartbeatIntervalSeconds
        let endpoint =
            node.endpoints["api"] ?? node.endpoints["health"] ?? node.endpoints.values.min { $0.text < $1.text }
        var tags = [node.nodeType.rawValue, options.environment, RegistryOptions.ownershipTag]
        if let role = node.nodeRole { tags.insert(role, at: 1) }
        var meta: [String: String] = [
            "node_type": node.nodeType.rawValue,
            "node_version": node.nodeVersion,
            "environment": options.environment,
            "registry_id": options.registryID,
        ]
        if let role = node.nodeRole { meta["node_role"] = role }
        if let epoch = node.epoch { meta["epoch"] = String(epoch) }
        let check: ServiceRegistration.Check
        switch (options.checkKind, node.endpoints["health"]) {
        case (.http, let health?):
            check = .http(url: health.text, intervalSeconds: max(1, Int(interval.rounded())))
        default:
            check = .ttl(seconds: ttlSeconds(heartbeatInterval: interval))
        }
        return ServiceRegistration(
            id: node.nodeID,
            name: options.serviceName.render(
                nodeID: node.nodeID, nodeType: node.nodeType, environment: options.environment, nodeRole: node.nodeRole),
            tags: tags, address: endpoint?.host ?? "", port: endpoint?.port ?? 0, meta: meta, check: check,
            deregisterCriticalAfterSeconds: options.deregisterCriticalAfterSeconds)
    }

    /// 3 × the heartbeat interval, in whole seconds, at least 1.
    public static func ttlSeconds(heartbeatInterval: Double) -> Int {
        max(1, Int((heartbeatInterval * 3).rounded(.up)))
    }
}

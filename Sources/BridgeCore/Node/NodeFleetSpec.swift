import BridgeEvents

/// What `node run` announces, before it knows its port: one node, or `--count` simulated nodes of one
/// type named `PREFIX-1…PREFIX-N`. Capabilities and endpoints start from the node type's standard
/// profile; a manifest's and the flags' entries go over them key by key. Endpoint values may use
/// `{port}` (the bound HTTP port) and `{node_id}`.
public struct NodeFleetSpec: Sendable {
    public var nodeIDs: [String]
    public var nodeType: NodeType
    public var nodeRole: String?
    public var nodeVersion: String
    public var capabilities: [String: JSONValue]
    public var endpoints: [String: String]
    /// Extra `metadata` entries; the ones the node sets itself (broadcast_reason, uptime_seconds,
    /// environment, heartbeat_interval_seconds) win.
    public var metadata: [String: JSONValue]
    public var environment: String
    public var heartbeatIntervalSeconds: Double
    public var epoch: Int64?
    /// The base of the standard endpoints: `http://HOST:{port}` unless given.
    public var advertisedHost: String
    public var advertisedBaseURL: String?

    public init(
        nodeIDs: [String], nodeType: NodeType, nodeRole: String? = nil, nodeVersion: String = "1.0.0",
        capabilities: [String: JSONValue] = [:], endpoints: [String: String] = [:], metadata: [String: JSONValue] = [:],
        environment: String, heartbeatIntervalSeconds: Double, epoch: Int64? = nil,
        advertisedHost: String = "127.0.0.1", advertisedBaseURL: String? = nil
    ) {
        self.nodeIDs = nodeIDs
        self.nodeType = nodeType
        self.nodeRole = nodeRole
        self.nodeVersion = nodeVersion
        self.capabilities = capabilities
        self.endpoints = endpoints
        self.metadata = metadata
        self.environment = environment
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.epoch = epoch
        self.advertisedHost = advertisedHost
        self.advertisedBaseURL = advertisedBaseURL
    }

    /// `PREFIX-1` … `PREFIX-count`.
    public static func simulatedIDs(count: Int, prefix: String) -> [String] {
        (1...max(count, 1)).map { "\(prefix)-\($0)" }
    }

    /// Several nodes in one process share one port: each is told apart by its own health path.
    public var isFleet: Bool { nodeIDs.count > 1 }

    public func healthPath(of nodeID: String) -> String {
        isFleet ? "/nodes/\(nodeID)/health" : "/health"
    }

    /// The profiles of every node once the HTTP port is known.
    public func profiles(port: Int) throws(BridgeError) -> [NodeProfile] {
        var result: [NodeProfile] = []
        result.reserveCapacity(nodeIDs.count)
        for nodeID in nodeIDs {
            let base = (advertisedBaseURL ?? "http://\(advertisedHost):{port}").substituting(port: port, nodeID: nodeID)
            var profile = try NodeProfile.standard(
                nodeID: nodeID, nodeType: nodeType, baseURL: base, healthPath: healthPath(of: nodeID),
                environment: environment, heartbeatIntervalSeconds: heartbeatIntervalSeconds, nodeRole: nodeRole,
                epoch: epoch)
            profile.nodeVersion = nodeVersion
            for (key, value) in capabilities { profile.capabilities[key] = value }
            for (name, template) in endpoints {
                let text = template.substituting(port: port, nodeID: nodeID)
                switch EndpointURL.parse(text) {
                case .success(let url): profile.endpoints[name] = url
                case .failure(let problem):
                    throw .invalidData(
                        "payload.endpoints.\(name): \"\(text)\" \(problem.reason); \(EndpointURL.accepted)")
                }
            }
            result.append(profile)
        }
        return result
    }

    /// The NODE_INTROSPECTION payload of `profile` with this spec's extra metadata.
    public func introspection(
        of profile: NodeProfile, reason: BroadcastReason, uptimeSeconds: Double, correlationID: EventUUID? = nil
    ) -> NodeIntrospection {
        var payload = profile.introspection(
            reason: reason, uptimeSeconds: uptimeSeconds, correlationID: correlationID)
        for (key, value) in metadata where payload.metadata[key] == nil { payload.metadata[key] = value }
        return payload
    }
}

extension String {
    func substituting(port: Int, nodeID: String) -> String {
        replacingAll("{port}", with: String(port)).replacingAll("{node_id}", with: nodeID)
    }

    private func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

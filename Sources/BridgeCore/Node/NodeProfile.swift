import BridgeEvents

/// Who a node is and what it announces: identity, capabilities and endpoints by node type, as the
/// seed's nodes do (capabilities name `node_type`, `supported_operations`, `fsm_states`,
/// `service_integration`; endpoints `health`, `api`, `metrics`, plus `orchestration` for orchestrators
/// and `aggregation` for reducers).
public struct NodeProfile: Sendable, Hashable {
    public var nodeID: String
    public var nodeType: NodeType
    public var nodeRole: String?
    public var nodeVersion: String
    public var capabilities: [String: JSONValue]
    public var endpoints: [String: EndpointURL]
    public var environment: String
    public var heartbeatIntervalSeconds: Double
    public var epoch: Int64?

    public init(
        nodeID: String, nodeType: NodeType, nodeRole: String? = nil, nodeVersion: String = "1.0.0",
        capabilities: [String: JSONValue], endpoints: [String: EndpointURL], environment: String,
        heartbeatIntervalSeconds: Double, epoch: Int64? = nil
    ) {
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.nodeRole = nodeRole
        self.nodeVersion = nodeVersion
        self.capabilities = capabilities
        self.endpoints = endpoints
        self.environment = environment
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.epoch = epoch
    }

    /// The default profile of a node of `type` reachable at `baseURL` (e.g. `http://127.0.0.1:8060`),
    /// with `healthPath` relative to it (simulated fleets serve `/nodes/{id}/health`).
    public static func standard(
        nodeID: String, nodeType: NodeType, baseURL: String, healthPath: String = "/health",
        environment: String, heartbeatIntervalSeconds: Double, nodeRole: String? = nil, epoch: Int64? = nil
    ) throws(BridgeError) -> NodeProfile {
        var endpoints: [String: String] = [
            "health": baseURL + healthPath,
            "api": baseURL,
            "metrics": baseURL + "/metrics",
        ]
        switch nodeType {
        case .orchestrator: endpoints["orchestration"] = baseURL + "/workflow"
        case .reducer: endpoints["aggregation"] = baseURL + "/aggregate"
        case .effect, .compute: break
        }
        var parsed: [String: EndpointURL] = [:]
        for (name, text) in endpoints {
            switch EndpointURL.parse(text) {
            case .success(let url): parsed[name] = url
            case .failure(let problem):
                throw .usage("Endpoint \(name) '\(text)' \(problem.reason); \(EndpointURL.accepted).")
            }
        }
        return NodeProfile(
            nodeID: nodeID, nodeType: nodeType, nodeRole: nodeRole,
            capabilities: standardCapabilities(for: nodeType), endpoints: parsed, environment: environment,
            heartbeatIntervalSeconds: heartbeatIntervalSeconds, epoch: epoch)
    }

    public static func standardCapabilities(for type: NodeType) -> [String: JSONValue] {
        let operations: [JSONValue]
        let states: [JSONValue]
        switch type {
        case .orchestrator:
            operations = ["workflow_orchestration", "task_routing", "state_management"]
            states = ["idle", "planning", "running", "completed", "failed"]
        case .reducer:
            operations = ["metadata_aggregation", "state_reduction", "batch_processing"]
            states = ["idle", "aggregating", "flushing"]
        case .effect:
            operations = ["side_effect_execution", "external_call"]
            states = ["idle", "executing"]
        case .compute:
            operations = ["computation", "transformation"]
            states = ["idle", "computing"]
        }
        return [
            "node_type": .string(type.rawValue),
            "supported_operations": .array(operations),
            "fsm_states": .array(states),
            "service_integration": ["kafka": true, "consul": true, "postgres": false],
            "resource_limits": ["max_concurrent_operations": 100],
        ]
    }

    /// The NODE_INTROSPECTION this node sends for `reason`.
    public func introspection(
        reason: BroadcastReason, uptimeSeconds: Double, correlationID: EventUUID? = nil, at now: EventTimestamp = .now()
    ) -> NodeIntrospection {
        NodeIntrospection(
            nodeID: nodeID, nodeType: nodeType, nodeRole: nodeRole, nodeVersion: nodeVersion,
            capabilities: capabilities, endpoints: endpoints,
            metadata: [
                "broadcast_reason": .string(reason.rawValue),
                "uptime_seconds": .double((uptimeSeconds * 1000).rounded() / 1000),
                "environment": .string(environment),
                "heartbeat_interval_seconds": .double(heartbeatIntervalSeconds),
            ],
            timestamp: now, correlationID: correlationID, epoch: epoch)
    }
}

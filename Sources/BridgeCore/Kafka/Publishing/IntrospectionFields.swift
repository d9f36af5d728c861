import BridgeEvents

/// The fields of a NODE_INTROSPECTION as an operator gives them (flags over an optional manifest),
/// still unvalidated: `ContractEventBuilder` validates the payload they make.
public struct IntrospectionFields: Sendable {
    /// Payload fields from a manifest; flags override them key by key.
    public var manifest: [String: JSONValue] = [:]
    public var nodeID: String?
    public var nodeType: String?
    public var nodeVersion: String?
    public var nodeRole: String?
    public var endpoints: [String: String] = [:]
    public var capabilities: [String: JSONValue] = [:]
    public var metadata: [String: JSONValue] = [:]
    public var epoch: Int64?
    public var correlationID: EventUUID?
    public var broadcastReason: BroadcastReason?

    public init() {}

    public func payload() -> [String: JSONValue] {
        var payload = manifest
        if let nodeID { payload["node_id"] = .string(nodeID) }
        if let nodeType { payload["node_type"] = .string(nodeType) }
        if let nodeVersion { payload["node_version"] = .string(nodeVersion) }
        if let nodeRole { payload["node_role"] = .string(nodeRole) }
        if let epoch { payload["epoch"] = .int(epoch) }
        if let correlationID { payload["correlation_id"] = .string(correlationID.description) }
        var metadata = self.metadata
        if let broadcastReason { metadata["broadcast_reason"] = .string(broadcastReason.rawValue) }
        // Flag entries go over the manifest's object of the same name, key by key.
        for (field, entries) in [
            ("endpoints", endpoints.mapValues(JSONValue.string)), ("capabilities", capabilities),
            ("metadata", metadata),
        ] where !entries.isEmpty {
            var object = payload[field]?.objectValue ?? [:]
            for (key, value) in entries { object[key] = value }
            payload[field] = .object(object)
        }
        if payload["timestamp"] == nil { payload["timestamp"] = .string(EventTimestamp.now().formatted) }
        return payload
    }
}

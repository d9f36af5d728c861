import BridgeEvents

/// The fields of a REGISTRY_REQUEST_INTROSPECTION as an operator gives them.
public struct IntrospectionRequestFields: Sendable {
    public static let defaultRegistryID = "bridgectl-cli"

    public var registryID: String
    public var reason: String
    /// Empty: every node answers.
    public var targetNodeTypes: [String]
    public var responseTimeoutMilliseconds: Int64
    public var correlationID: EventUUID

    public init(
        registryID: String = defaultRegistryID, reason: String = RequestReason.manual.rawValue,
        targetNodeTypes: [String] = [], responseTimeoutMilliseconds: Int64 = 5_000,
        correlationID: EventUUID = .random()
    ) {
        self.registryID = registryID
        self.reason = reason
        self.targetNodeTypes = targetNodeTypes
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        self.correlationID = correlationID
    }

    public func payload(now: EventTimestamp = .now()) -> [String: JSONValue] {
        [
            "registry_id": .string(registryID),
            "request_timestamp": .string(now.formatted),
            "reason": .string(reason),
            "target_node_types": targetNodeTypes.isEmpty ? .null : .array(targetNodeTypes.map(JSONValue.string)),
            "response_timeout_ms": .int(responseTimeoutMilliseconds),
            "metadata": [:],
            "correlation_id": .string(correlationID.description),
        ]
    }
}

/// The payload of REGISTRY_REQUEST_INTROSPECTION: a registry asking nodes to announce again.
public struct RegistryIntrospectionRequest: Sendable, Hashable {
    public var registryID: String
    public var requestTimestamp: EventTimestamp
    public var reason: RequestReason
    /// nil: every node answers.
    public var targetNodeTypes: [NodeType]?
    public var responseTimeoutMilliseconds: Int64
    public var metadata: [String: JSONValue]
    public var correlationID: EventUUID?

    public static let responseTimeoutRange: ClosedRange<Int64> = 1...30_000

    public init(
        registryID: String, requestTimestamp: EventTimestamp = .now(), reason: RequestReason,
        targetNodeTypes: [NodeType]? = nil, responseTimeoutMilliseconds: Int64 = 5_000,
        metadata: [String: JSONValue] = [:], correlationID: EventUUID? = nil
    ) {
        self.registryID = registryID
        self.requestTimestamp = requestTimestamp
        self.reason = reason
        self.targetNodeTypes = targetNodeTypes
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        self.metadata = metadata
        self.correlationID = correlationID
    }

    static let fields = [
        "registry_id", "request_timestamp", "reason", "target_node_types", "response_timeout_ms", "metadata",
        "correlation_id",
    ]

    init(reading reader: FieldReader) throws(ContractViolation) {
        try reader.rejectUnknownKeys(allowed: Self.fields)
        let id = try reader.requiredString("registry_id", accepted: ContractRules.registryIDAccepted)
        if let problem = ContractRules.registryIDProblem(id) {
            throw reader.violation("registry_id", problem, ContractRules.registryIDAccepted)
        }
        registryID = id
        requestTimestamp = try reader.timestamp("request_timestamp") ?? .now()
        reason = try reader.requiredEnumeration(
            "reason", RequestReason.self,
            accepted: "expected " + RequestReason.allCases.map(\.rawValue).joined(separator: ", "))
        if let value = reader.value("target_node_types") {
            let accepted = "expected null or an array of node types (effect, compute, reducer, orchestrator)"
            guard case .array(let items) = value else {
                throw reader.violation("target_node_types", "got \(value.typeName)", accepted)
            }
            var types: [NodeType] = []
            for (index, item) in items.enumerated() {
                guard case .string(let name) = item, let type = NodeType(rawValue: name) else {
                    throw ContractViolation(
                        path: "payload.target_node_types[\(index)]",
                        problem: "\(ContractViolation.quote(item)) is not a node type", accepted: NodeType.acceptedList)
                }
                types.append(type)
            }
            targetNodeTypes = types
        } else {
            targetNodeTypes = nil
        }
        responseTimeoutMilliseconds =
            try reader.integer(
                "response_timeout_ms", range: Self.responseTimeoutRange, accepted: "expected an integer from 1 to 30000"
            )
            ?? 5_000
        metadata = try reader.openObject("metadata")
        correlationID = try reader.uuid("correlation_id")
    }

    /// Whether a node of `type` should answer this request.
    public func targets(_ type: NodeType) -> Bool {
        targetNodeTypes.map { $0.contains(type) } ?? true
    }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "registry_id": .string(registryID),
            "request_timestamp": .string(requestTimestamp.formatted),
            "reason": .string(reason.rawValue),
            "target_node_types": targetNodeTypes.map { .array($0.map { .string($0.rawValue) }) } ?? .null,
            "response_timeout_ms": .int(responseTimeoutMilliseconds),
            "metadata": .object(metadata),
        ]
        if let correlationID { object["correlation_id"] = .string(correlationID.description) }
        return .object(object)
    }
}

/// OnexEnvelopeV1: the wrapper around every event on every contract topic.
public struct EventEnvelope: Sendable, Hashable {
    public var envelopeVersion: String
    public var eventID: EventUUID
    public var eventVersion: String
    public var eventTimestamp: EventTimestamp
    public var sourceNodeID: String
    public var sourceService: String
    public var sourceVersion: String
    public var sourceInstance: String?
    public var correlationID: EventUUID?
    public var causationID: EventUUID?
    public var environment: String
    public var region: String?
    public var partitionKey: String?
    public var payload: EventPayload
    public var metadata: [String: JSONValue]

    public var eventType: EventType { payload.eventType }

    /// A new envelope as bridgectl writes it: fresh event id, now, `partition_key` = the payload's key.
    public init(
        payload: EventPayload, sourceNodeID: String? = nil, environment: String = "dev",
        correlationID: EventUUID? = nil, causationID: EventUUID? = nil, sourceService: String = "omninode-bridge",
        sourceVersion: String = "1.0.0", sourceInstance: String? = nil, eventID: EventUUID = .random(),
        eventTimestamp: EventTimestamp = .now(), metadata: [String: JSONValue] = [:]
    ) {
        self.envelopeVersion = "1.0"
        self.eventID = eventID
        self.eventVersion = "1.0"
        self.eventTimestamp = eventTimestamp
        self.sourceNodeID = sourceNodeID ?? payload.key
        self.sourceService = sourceService
        self.sourceVersion = sourceVersion
        self.sourceInstance = sourceInstance
        self.correlationID = correlationID
        self.causationID = causationID
        self.environment = environment
        self.region = nil
        self.partitionKey = payload.key
        self.payload = payload
        self.metadata = metadata
    }

    init(reading reader: FieldReader) throws(ContractViolation) {
        let versionAccepted = "expected a string such as \"1.0\""
        envelopeVersion = try reader.string("envelope_version", accepted: versionAccepted) ?? "1.0"
        guard let eventID = try reader.uuid("event_id") else {
            throw reader.violation("event_id", "missing", "expected a UUID string")
        }
        self.eventID = eventID
        let typeName = try reader.requiredString("event_type", accepted: EventType.acceptedList)
        guard let type = EventType(spelling: typeName) else {
            throw reader.violation(
                "event_type", "\(ContractViolation.quote(.string(typeName))) is not an event type",
                EventType.acceptedList)
        }
        eventVersion = try reader.string("event_version", accepted: versionAccepted) ?? "1.0"
        eventTimestamp = try reader.timestamp("event_timestamp") ?? .now()
        let source = try reader.requiredString("source_node_id", accepted: "expected a string of 1-256 characters")
        guard !source.isEmpty, source.count <= 256 else {
            throw reader.violation(
                "source_node_id", "is \(source.count) characters long", "expected a string of 1-256 characters")
        }
        sourceNodeID = source
        sourceService = try reader.boundedString("source_service", maxLength: 256) ?? "omninode-bridge"
        sourceVersion = try reader.boundedString("source_version", maxLength: 64) ?? "1.0.0"
        sourceInstance = try reader.boundedString("source_instance", maxLength: 256)
        correlationID = try reader.uuid("correlation_id")
        causationID = try reader.uuid("causation_id")
        environment = try reader.boundedString("environment", maxLength: 64) ?? "dev"
        region = try reader.boundedString("region", maxLength: 64)
        partitionKey = try reader.boundedString("partition_key", maxLength: 256)
        metadata = try reader.openObject("metadata")
        let payloadReader = try FieldReader(
            path: "payload", value: reader.value("payload"), accepted: "expected a JSON object")
        payload = try EventPayload(type: type, reading: payloadReader)
        if let partitionKey, partitionKey != payload.key {
            let field = type == .registryRequestIntrospection ? "payload.registry_id" : "payload.node_id"
            throw reader.violation(
                "partition_key", "\(ContractViolation.quote(.string(partitionKey))) differs from \(field)",
                "expected it to equal \(field) (\(ContractViolation.quote(.string(payload.key))))")
        }
    }

    public func json() -> JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            "envelope_version": .string(envelopeVersion),
            "event_id": .string(eventID.description),
            "event_type": .string(eventType.rawValue),
            "event_version": .string(eventVersion),
            "event_timestamp": .string(eventTimestamp.formatted),
            "source_node_id": .string(sourceNodeID),
            "source_service": .string(sourceService),
            "source_version": .string(sourceVersion),
            "source_instance": optional(sourceInstance),
            "correlation_id": optional(correlationID?.description),
            "causation_id": optional(causationID?.description),
            "environment": .string(environment),
            "region": optional(region),
            "partition_key": optional(partitionKey),
            "payload": payload.json(),
            "metadata": .object(metadata),
        ])
    }
}

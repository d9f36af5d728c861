import BridgeEvents

/// Builds an event envelope around a payload given as JSON and validates the result exactly as a
/// reader would (encode, then `EventCodec.decode`), so that what is published always passes the
/// contract and anything else fails with the contract's own one-line error.
public enum ContractEventBuilder {
    public struct Envelope: Sendable {
        public var environment: String
        public var sourceService: String
        public var sourceVersion: String
        public var correlationID: EventUUID?

        public init(
            environment: String, sourceVersion: String, sourceService: String = "omninode-bridge",
            correlationID: EventUUID? = nil
        ) {
            self.environment = environment
            self.sourceService = sourceService
            self.sourceVersion = sourceVersion
            self.correlationID = correlationID
        }
    }

    /// The validated envelope, or `.invalidData` with the contract error (`payload.node_type: …`).
    public static func build(
        type: EventType, payload: [String: JSONValue], envelope: Envelope
    ) throws(BridgeError)
        -> EventEnvelope
    {
        let keyField = type == .registryRequestIntrospection ? "registry_id" : "node_id"
        let key = payload[keyField]?.stringValue
        var object: [String: JSONValue] = [
            "envelope_version": "1.0",
            "event_id": .string(EventUUID.random().description),
            "event_type": .string(type.rawValue),
            "event_version": "1.0",
            "event_timestamp": .string(EventTimestamp.now().formatted),
            // A missing or unusable key is reported against the payload field, not the envelope.
            "source_node_id": .string(key.flatMap { $0.isEmpty ? nil : $0 } ?? "bridgectl"),
            "source_service": .string(envelope.sourceService),
            "source_version": .string(envelope.sourceVersion),
            "environment": .string(envelope.environment),
            "payload": .object(payload),
            "metadata": [:],
        ]
        if let key { object["partition_key"] = .string(key) }
        if let correlationID = envelope.correlationID { object["correlation_id"] = .string(correlationID.description) }
        do {
            return try EventCodec.decode(JSONWriter.bytes(.object(object)))
        } catch {
            throw .invalidData(error.description)
        }
    }
}

/// Reads and writes contract events as Kafka message values.
public enum EventCodec {
    /// Decodes and validates one message value. Every failure is a `ContractViolation` whose path starts
    /// with `envelope` or `payload`.
    public static func decode(_ bytes: some Collection<UInt8>) throws(ContractViolation) -> EventEnvelope {
        guard bytes.count <= ContractRules.maximumMessageBytes else {
            throw ContractViolation(
                path: "envelope", problem: "message is \(bytes.count) bytes",
                accepted: "expected at most \(ContractRules.maximumMessageBytes) bytes")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ContractViolation(
                path: "envelope", problem: "not valid JSON (\(error.description))",
                accepted: "expected a UTF-8 JSON object")
        }
        let reader = try FieldReader(path: "envelope", value: document, accepted: "expected a JSON object")
        return try EventEnvelope(reading: reader)
    }

    public static func decode(_ text: String) throws(ContractViolation) -> EventEnvelope {
        try decode(Array(text.utf8))
    }

    /// The bytes of an envelope as bridgectl writes it (compact JSON, sorted keys).
    public static func encode(_ envelope: EventEnvelope) -> [UInt8] {
        JSONWriter.bytes(envelope.json())
    }
}

import BridgeEvents

/// How `consume topic` shows one message as JSON or as a table row. Contract envelopes are decoded
/// (the value appears as the JSON object it is) and one that breaks the contract is shown with the
/// contract's error, never dropped; a DLQ message is shown with its `bridge.error` header.
public struct ConsumedMessageRenderer: Sendable {
    public static let dlqErrorHeader = "bridge.error"

    public let role: ContractTopicRole

    public init(role: ContractTopicRole) {
        self.role = role
    }

    /// What a message is, once looked at.
    public enum Verdict: Sendable, Hashable {
        case event(EventEnvelope)
        case violation(String)
        case deadLetter(reason: String?)
        case plain
    }

    public func verdict(_ message: KafkaMessage) -> Verdict {
        switch role {
        case .other: return .plain
        case .deadLetters: return .deadLetter(reason: message.header(Self.dlqErrorHeader))
        case .events:
            guard let value = message.value else {
                return .violation("envelope: the message has no value (a tombstone); expected a UTF-8 JSON object")
            }
            do {
                return .event(try EventCodec.decode(value))
            } catch {
                return .violation(error.description)
            }
        }
    }

    public func json(_ message: KafkaMessage) -> JSONValue {
        var object: [String: JSONValue] = [
            "topic": .string(message.topic),
            "partition": .int(Int64(message.partition)),
            "offset": .int(message.offset),
            "timestamp": message.timestampMilliseconds.map(JSONValue.int) ?? .null,
            "key": message.keyText.map(JSONValue.string) ?? .null,
            "value": Self.valueJSON(message.value),
        ]
        if !message.headers.isEmpty {
            var headers: [String: JSONValue] = [:]
            for header in message.headers { headers[header.name] = header.text.map(JSONValue.string) ?? .null }
            object["headers"] = .object(headers)
        }
        switch verdict(message) {
        case .event(let envelope):
            object["valid"] = true
            object["event_type"] = .string(envelope.eventType.rawValue)
        case .violation(let reason):
            object["valid"] = false
            object["error"] = .string(reason)
        case .deadLetter(let reason):
            object["dlq_error"] = reason.map(JSONValue.string) ?? .null
        case .plain:
            break
        }
        return .object(object)
    }

    /// The value as JSON when it is JSON, else as text (invalid UTF-8 replaced), null when absent.
    static func valueJSON(_ value: [UInt8]?) -> JSONValue {
        guard let value else { return .null }
        if let first = value.first(where: { !Self.isJSONWhitespace($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let parsed = try? JSONParser.parse(value)
        {
            return parsed
        }
        return .string(String(decoding: value, as: UTF8.self))
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    // MARK: table

    public static let tableHeader = row(partition: "PART", offset: "OFFSET", key: "KEY", summary: "EVENT / VALUE")

    /// One row, at most 80 columns.
    public func tableRow(_ message: KafkaMessage) -> String {
        let summary: String
        switch verdict(message) {
        case .event(let envelope): summary = Self.summary(envelope)
        case .violation(let reason): summary = "INVALID " + reason
        case .deadLetter(let reason): summary = "DLQ " + (reason ?? "(no bridge.error header)")
        case .plain: summary = message.value.map { String(decoding: $0, as: UTF8.self) } ?? "(null)"
        }
        return Self.row(
            partition: String(message.partition), offset: String(message.offset), key: message.keyText ?? "-",
            summary: summary)
    }

    static func row(partition: String, offset: String, key: String, summary: String) -> String {
        TableText.pad(partition, 4) + " " + TableText.pad(offset, 9) + " " + TableText.pad(key, 22) + " "
            + TableText.fit(summary, 42)
    }

    static func summary(_ envelope: EventEnvelope) -> String {
        switch envelope.payload {
        case .introspection(let p):
            return "\(envelope.eventType.rawValue) \(p.nodeType.rawValue), \(p.endpoints.count) endpoint(s)"
        case .heartbeat(let p):
            return "\(envelope.eventType.rawValue) \(p.healthStatus.rawValue), up \(p.uptimeSeconds) s"
        case .request(let p):
            let targets = p.targetNodeTypes.map { $0.map(\.rawValue).joined(separator: "+") } ?? "all"
            return "\(envelope.eventType.rawValue) \(p.reason.rawValue), \(targets)"
        case .shutdown(let p):
            return "\(envelope.eventType.rawValue) \(p.reason.rawValue)"
        }
    }
}

/// One Kafka message header: a name and an optional byte value (Kafka allows null header values).
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    public var value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    public init(name: String, text: String) {
        self.init(name: name, value: Array(text.utf8))
    }

    /// The value as UTF-8 text (invalid sequences replaced), nil for a null value.
    public var text: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}

/// A message the registry refuses, as it goes to `<source topic><suffix>`: the original key and value
/// unchanged, and headers saying why and where it came from (contracts/events.md, "Dead letters").
public struct DeadLetter: Sendable, Hashable {
    public var topic: String
    public var key: [UInt8]?
    public var value: [UInt8]?
    /// `bridge.error`, `bridge.source.topic`, `bridge.source.partition`, `bridge.source.offset`.
    public var headers: [(name: String, value: String)]
    public var reason: String

    public init(
        sourceTopic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?, reason: String,
        suffix: String
    ) {
        self.topic = sourceTopic + suffix
        self.key = key
        self.value = value
        self.reason = reason
        self.headers = [
            ("bridge.error", reason),
            ("bridge.source.topic", sourceTopic),
            ("bridge.source.partition", String(partition)),
            ("bridge.source.offset", String(offset)),
        ]
    }

    public static func == (lhs: DeadLetter, rhs: DeadLetter) -> Bool {
        lhs.topic == rhs.topic && lhs.key == rhs.key && lhs.value == rhs.value && lhs.reason == rhs.reason
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(topic)
        hasher.combine(value)
        hasher.combine(reason)
    }
}

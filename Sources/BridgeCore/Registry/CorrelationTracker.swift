import BridgeEvents

/// Which known nodes answered a registry request: at the end of the re-announce window the registry
/// names those that did not (logged, counted, shown by `inspect diff`).
public struct CorrelationTracker: Sendable, Hashable {
    public let correlationID: EventUUID
    public private(set) var expected: Set<String>
    public private(set) var answered: Set<String> = []

    public init(correlationID: EventUUID, expected: some Sequence<String>) {
        self.correlationID = correlationID
        self.expected = Set(expected)
    }

    /// Records an introspection; returns true when it answers this request.
    @discardableResult
    public mutating func record(nodeID: String, correlationID: EventUUID?) -> Bool {
        guard correlationID == self.correlationID else { return false }
        answered.insert(nodeID)
        return true
    }

    /// Known nodes that have not answered, sorted.
    public var missing: [String] { expected.subtracting(answered).sorted() }

    /// Nodes that answered without being known beforehand (new since the last run).
    public var newcomers: [String] { answered.subtracting(expected).sorted() }
}

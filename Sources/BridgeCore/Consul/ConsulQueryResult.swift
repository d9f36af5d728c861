/// A catalog or health read's result with the index headers that came with it.
public struct ConsulQueryResult<Value: Sendable>: Sendable {
    public var value: Value
    /// `X-Consul-Index`, at least 1 (contract §0: treat values below 1 as 1).
    public var index: UInt64
    public var knownLeader: Bool
    /// `X-Consul-LastContact` in milliseconds.
    public var lastContact: Int

    public init(value: Value, index: UInt64, knownLeader: Bool, lastContact: Int) {
        self.value = value
        self.index = index
        self.knownLeader = knownLeader
        self.lastContact = lastContact
    }
}

import BridgeEvents

/// An event the registry consumed, with where it came from (for commits and the DLQ's headers).
public struct ConsumedEvent: Sendable, Hashable {
    public var envelope: EventEnvelope
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(envelope: EventEnvelope, topic: String, partition: Int32, offset: Int64) {
        self.envelope = envelope
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

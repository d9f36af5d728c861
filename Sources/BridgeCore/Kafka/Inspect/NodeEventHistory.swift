import BridgeEvents

/// One node's recent events on the node topics, newest last: what the REPL's `node <id>` shows
/// beside the stores. Only the tail of each partition is read (`tailPerPartition` messages), so a
/// long-lived topic costs a bounded read; events that break the contract are left out (they are the
/// DLQ's business).
public struct NodeEventHistory: Sendable {
    public struct Entry: Sendable, Hashable {
        public var envelope: EventEnvelope
        public var topic: String
        public var partition: Int32
        public var offset: Int64
    }

    public let settings: KafkaSettings

    public init(settings: KafkaSettings) {
        self.settings = settings
    }

    public func recent(
        nodeID: String, topics: [String], limit: Int = 10, tailPerPartition: Int64 = 5_000,
        timeout: Duration = .seconds(10)
    ) async throws(BridgeError) -> [Entry] {
        var found: [Entry] = []
        try await TopicRangeScan(settings: settings, timeout: timeout).scan(
            topics: topics, start: { _, high in high - tailPerPartition }, missingTopicIsError: false
        ) { message in
            guard let value = message.value, let envelope = try? EventCodec.decode(value),
                envelope.payload.nodeID == nodeID
            else { return }
            found.append(
                Entry(envelope: envelope, topic: message.topic, partition: message.partition, offset: message.offset))
        }
        return Array(found.sorted { $0.envelope.eventTimestamp < $1.envelope.eventTimestamp }.suffix(limit))
    }
}

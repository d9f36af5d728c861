import BridgeEvents

/// Reads a node topic from its first retained message to its current end and keeps, per node, the
/// newest contract event under the generation rule (what the registry should have applied last).
/// Messages that break the contract are skipped: they are the DLQ's business.
public struct NewestEventReader: Sendable {
    public let settings: KafkaSettings

    public init(settings: KafkaSettings) {
        self.settings = settings
    }

    public func newest(
        topic: String, timeout: Duration = .seconds(10)
    ) async throws(BridgeError) -> [String: EventEnvelope] {
        var newest: [String: EventEnvelope] = [:]
        try await TopicRangeScan(settings: settings, timeout: timeout).scan(
            topics: [topic], start: { low, _ in low }, missingTopicIsError: true
        ) { message in
            guard let value = message.value, let envelope = try? EventCodec.decode(value),
                let nodeID = envelope.payload.nodeID
            else { return }
            if let current = newest[nodeID], Self.isOlder(envelope, than: current) { return }
            newest[nodeID] = envelope
        }
        return newest
    }

    /// Epoch first, then event time (contracts/events.md, "the generation rule").
    static func isOlder(_ event: EventEnvelope, than current: EventEnvelope) -> Bool {
        switch (event.payload.epoch, current.payload.epoch) {
        case (let a?, let b?) where a != b: return a < b
        default: return event.eventTimestamp < current.eventTimestamp
        }
    }
}

import BridgeEvents

/// An event the broker acknowledged: what it was and where it was written.
public struct PublishedEvent: Sendable, Hashable {
    public var eventID: EventUUID
    public var eventType: EventType
    public var key: String
    public var correlationID: EventUUID?
    public var report: DeliveryReport

    public init(envelope: EventEnvelope, report: DeliveryReport) {
        eventID = envelope.eventID
        eventType = envelope.eventType
        key = envelope.payload.key
        correlationID = envelope.correlationID
        self.report = report
    }

    public func json() -> JSONValue {
        [
            "event_id": .string(eventID.description),
            "event_type": .string(eventType.rawValue),
            "key": .string(key),
            "correlation_id": correlationID.map { .string($0.description) } ?? .null,
            "topic": .string(report.topic),
            "partition": .int(Int64(report.partition)),
            "offset": .int(report.offset),
        ]
    }
}

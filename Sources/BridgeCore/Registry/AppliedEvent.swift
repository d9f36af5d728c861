import BridgeEvents

/// An event the generation rule accepted, with the envelope fields the PostgreSQL row records.
public struct AppliedEvent<Payload: Sendable & Hashable>: Sendable, Hashable {
    public var eventID: EventUUID
    public var eventTimestamp: EventTimestamp
    public var environment: String
    public var payload: Payload

    public init(eventID: EventUUID, eventTimestamp: EventTimestamp, environment: String, payload: Payload) {
        self.eventID = eventID
        self.eventTimestamp = eventTimestamp
        self.environment = environment
        self.payload = payload
    }

    init(_ envelope: EventEnvelope, _ payload: Payload) {
        self.init(
            eventID: envelope.eventID, eventTimestamp: envelope.eventTimestamp, environment: envelope.environment,
            payload: payload)
    }
}

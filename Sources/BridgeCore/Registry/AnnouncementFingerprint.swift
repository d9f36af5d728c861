import BridgeEvents

/// What makes two announcements of a node "the same" for the registry: everything but the fields
/// that change on every send (timestamps, correlation, uptime, the reason it was sent). Equal
/// fingerprints mean an announcement costs no write.
public struct AnnouncementFingerprint: Sendable, Hashable {
    public let value: String

    public init(_ node: NodeIntrospection) {
        var copy = node
        copy.timestamp = EventTimestamp(microsecondsSinceEpoch: 0)
        copy.correlationID = nil
        copy.metadata["uptime_seconds"] = nil
        copy.metadata["broadcast_reason"] = nil
        value = JSONWriter.string(copy.json())
    }
}

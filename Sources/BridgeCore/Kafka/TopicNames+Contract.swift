import BridgeEvents

extension TopicNames {
    /// The topic an event of `type` is published to (shutdowns travel with introspections).
    public func topic(for type: EventType) -> String {
        switch type {
        case .nodeIntrospection, .nodeShutdown: introspection
        case .nodeHeartbeat: heartbeat
        case .registryRequestIntrospection: registryRequest
        }
    }

    /// What a topic is to the contract: one of its event topics, the DLQ of one, or neither.
    public func role(of topic: String) -> ContractTopicRole {
        let sources = [introspection, heartbeat, registryRequest]
        if sources.contains(topic) { return .events }
        if sources.map(dlq(of:)).contains(topic) { return .deadLetters }
        return .other
    }
}

/// How `consume topic` shows a topic's messages.
public enum ContractTopicRole: Sendable, Hashable {
    /// Contract envelopes: decoded, and any that break the contract shown with the reason.
    case events
    /// A DLQ: the original message plus the `bridge.error` header saying why it was refused.
    case deadLetters
    /// Anything else: shown as it is.
    case other
}

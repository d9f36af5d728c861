/// The per-node generation the registry stores (epoch, newest applied lifecycle event and heartbeat).
public struct NodeGeneration: Sendable, Hashable {
    public var epoch: Int64?
    /// event_timestamp of the newest applied introspection or shutdown.
    public var lastLifecycleAt: EventTimestamp?
    /// event_timestamp of the newest applied heartbeat.
    public var lastHeartbeatAt: EventTimestamp?
    /// Whether the newest applied lifecycle event was a NODE_SHUTDOWN.
    public var shutDown: Bool

    public init(
        epoch: Int64? = nil, lastLifecycleAt: EventTimestamp? = nil, lastHeartbeatAt: EventTimestamp? = nil,
        shutDown: Bool = false
    ) {
        self.epoch = epoch
        self.lastLifecycleAt = lastLifecycleAt
        self.lastHeartbeatAt = lastHeartbeatAt
        self.shutDown = shutDown
    }
}

/// Newest wins, per node (contracts/events.md, "the generation rule"): a pure decision that the
/// registry, its SQL guard and the tests all follow.
public enum GenerationRule {
    public enum Kind: Sendable, Hashable {
        case introspection, heartbeat, shutdown
    }

    public enum Verdict: Sendable, Hashable {
        case apply
        case stale(reason: String)

        public var isApplied: Bool { self == .apply }
    }

    public static func judge(
        kind: Kind, epoch: Int64?, timestamp: EventTimestamp, stored: NodeGeneration?
    ) -> Verdict {
        guard let stored else { return .apply }
        if let epoch, let storedEpoch = stored.epoch {
            if epoch < storedEpoch { return .stale(reason: "epoch \(epoch) is older than stored epoch \(storedEpoch)") }
            // A newer epoch is a new generation of the node: nothing of the old one can make it stale.
            if epoch > storedEpoch { return .apply }
        }
        switch kind {
        case .introspection, .shutdown:
            if let last = stored.lastLifecycleAt, timestamp < last {
                return .stale(reason: "older than the newest applied introspection or shutdown (\(last))")
            }
            return .apply
        case .heartbeat:
            if stored.shutDown {
                return .stale(reason: "the node shut down in this epoch; a heartbeat does not resurrect it")
            }
            if let last = stored.lastHeartbeatAt, timestamp < last {
                return .stale(reason: "older than the newest applied heartbeat (\(last))")
            }
            return .apply
        }
    }

    /// The stored generation after applying an event the rule accepted.
    public static func advance(
        _ stored: NodeGeneration?, kind: Kind, epoch: Int64?, timestamp: EventTimestamp
    ) -> NodeGeneration {
        var next = stored ?? NodeGeneration()
        if let epoch, epoch > (next.epoch ?? 0) {
            next = NodeGeneration(epoch: epoch)
        }
        switch kind {
        case .introspection:
            next.lastLifecycleAt = max(next.lastLifecycleAt ?? timestamp, timestamp)
            next.shutDown = false
        case .shutdown:
            next.lastLifecycleAt = max(next.lastLifecycleAt ?? timestamp, timestamp)
            next.shutDown = true
        case .heartbeat:
            next.lastHeartbeatAt = max(next.lastHeartbeatAt ?? timestamp, timestamp)
        }
        return next
    }
}

import BridgeEvents

/// PostgreSQL work the registry holds while PostgreSQL is unreachable (DESIGN.md §4.4): at most one
/// pending write of each kind per node (the newest), the `consul_state` updates the reconciler owes,
/// and the offsets that may be committed once all of it is durable. Memory is bounded by the number
/// of nodes, not by the length of the outage.
public struct PostgresBacklog: Sendable {
    public private(set) var introspections: [String: IntrospectionWrite] = [:]
    public private(set) var heartbeats: [String: AppliedEvent<NodeHeartbeat>] = [:]
    public private(set) var shutdowns: [String: ShutdownWrite] = [:]
    public private(set) var consulStates: [String: ConsulState] = [:]
    public private(set) var stale: Set<String> = []
    public private(set) var evictions: [String: EventTimestamp] = [:]
    /// The last processed offset of each partition, committed once the work above is durable.
    public private(set) var offsets: [TopicPartition: Int64] = [:]

    public init() {}

    public var isEmpty: Bool {
        introspections.isEmpty && heartbeats.isEmpty && shutdowns.isEmpty && consulStates.isEmpty && stale.isEmpty
            && evictions.isEmpty
    }

    public var hasOffsets: Bool { !offsets.isEmpty }

    /// The nodes with writes held.
    public var nodeCount: Int {
        Set(introspections.keys).union(heartbeats.keys).union(shutdowns.keys).union(consulStates.keys).count
    }

    /// Whether a write for this node is held.
    public func holds(_ nodeID: String) -> Bool {
        introspections[nodeID] != nil || heartbeats[nodeID] != nil || shutdowns[nodeID] != nil
            || consulStates[nodeID] != nil || stale.contains(nodeID) || evictions[nodeID] != nil
    }

    /// Adds a batch's writes; a node's later announcement replaces its held shutdown and vice versa
    /// (the planner already ordered them under the generation rule).
    public mutating func add(
        introspections: [IntrospectionWrite], heartbeats: [AppliedEvent<NodeHeartbeat>], shutdowns: [ShutdownWrite]
    ) {
        for write in introspections {
            let id = write.event.payload.nodeID
            self.introspections[id] = write
            self.shutdowns[id] = nil
            evictions[id] = nil
        }
        for write in shutdowns {
            let id = write.event.payload.nodeID
            self.shutdowns[id] = write
            self.introspections[id] = nil
            self.heartbeats[id] = nil
        }
        for beat in heartbeats {
            let id = beat.payload.nodeID
            if let held = self.heartbeats[id], held.eventTimestamp > beat.eventTimestamp { continue }
            self.heartbeats[id] = beat
            stale.remove(id)
        }
    }

    public mutating func setConsulState(_ state: ConsulState, for nodeIDs: some Sequence<String>) {
        for id in nodeIDs { consulStates[id] = state }
    }

    public mutating func markStale(_ nodeIDs: some Sequence<String>) { stale.formUnion(nodeIDs) }

    public mutating func evict(_ nodeIDs: some Sequence<String>, at time: EventTimestamp) {
        for id in nodeIDs {
            evictions[id] = time
            introspections[id] = nil
            heartbeats[id] = nil
            stale.remove(id)
        }
    }

    public mutating func hold(offsets positions: [TopicPartition: Int64]) {
        offsets.merge(positions) { max($0, $1) }
    }

    /// Empties the backlog, returning what it held (offsets included).
    public mutating func take() -> PostgresBacklog {
        defer { self = PostgresBacklog() }
        return self
    }
}

import BridgeEvents
import Synchronization

/// The mutable state of a running node process, shared by its loops (heartbeats, requests, probes,
/// delivery reports on the producer's poll thread) and its HTTP handlers. Every access takes the one
/// lock briefly; decisions are made by the pure types it holds.
public final class NodeFleetState: Sendable {
    public struct Node: Sendable {
        public var profile: NodeProfile
        public var responder: IntrospectionResponder
        public var activeOperations: Int64 = 0
        public var lastActivity: EventTimestamp
        public var heartbeatInFlight = false
        public var lastHeartbeatAck: EventTimestamp?
        public var heartbeatsAcknowledged = 0
    }

    public struct Snapshot: Sendable {
        public var connectivity: KafkaConnectivity
        public var listeningForRequests: Bool
        public var nodeCount: Int
    }

    struct Contents {
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        var connectivity = KafkaConnectivity()
        var listeningForRequests = false
    }

    private let contents = Mutex(Contents())

    public init() {}

    func install(_ profiles: [NodeProfile]) {
        let now = EventTimestamp.now()
        contents.withLock { contents in
            contents.nodes = profiles.map {
                Node(profile: $0, responder: IntrospectionResponder(nodeType: $0.nodeType), lastActivity: now)
            }
            contents.index = Dictionary(uniqueKeysWithValues: profiles.enumerated().map { ($1.nodeID, $0) })
        }
    }

    public var snapshot: Snapshot {
        contents.withLock {
            Snapshot(
                connectivity: $0.connectivity, listeningForRequests: $0.listeningForRequests,
                nodeCount: $0.nodes.count)
        }
    }

    public var nodeIDs: [String] { contents.withLock { $0.nodes.map(\.profile.nodeID) } }

    public func node(_ id: String) -> Node? {
        contents.withLock { contents in contents.index[id].map { contents.nodes[$0] } }
    }

    public func node(at position: Int) -> Node? {
        contents.withLock { $0.nodes.indices.contains(position) ? $0.nodes[position] : nil }
    }

    var count: Int { contents.withLock { $0.nodes.count } }

    /// Applies a control change to one node (or, with nil, to every node); returns the new values.
    public func changeActiveOperations(
        _ change: ActiveOperationsChange, nodeID: String?
    ) -> [String: Int64]? {
        let now = EventTimestamp.now()
        return contents.withLock { contents in
            let positions: [Int]
            if let nodeID {
                guard let position = contents.index[nodeID] else { return nil }
                positions = [position]
            } else {
                positions = Array(contents.nodes.indices)
            }
            var result: [String: Int64] = [:]
            for position in positions {
                contents.nodes[position].activeOperations = change.applied(
                    to: contents.nodes[position].activeOperations)
                contents.nodes[position].lastActivity = now
                result[contents.nodes[position].profile.nodeID] = contents.nodes[position].activeOperations
            }
            return result
        }
    }

    func withConnectivity<T>(_ body: (inout KafkaConnectivity) -> T) -> T {
        contents.withLock { body(&$0.connectivity) }
    }

    func setListeningForRequests() {
        contents.withLock { $0.listeningForRequests = true }
    }

    /// The heartbeat decision for node `position`; on `.send` the node is marked in flight and its
    /// current state returned.
    func admitHeartbeat(at position: Int) -> (HeartbeatAdmission, Node) {
        contents.withLock { contents in
            let decision = HeartbeatAdmission.decide(
                kafka: contents.connectivity.state, previousUndelivered: contents.nodes[position].heartbeatInFlight)
            if decision == .send { contents.nodes[position].heartbeatInFlight = true }
            return (decision, contents.nodes[position])
        }
    }

    func heartbeatSettled(at position: Int, acknowledged: EventTimestamp?) {
        contents.withLock { contents in
            contents.nodes[position].heartbeatInFlight = false
            if let acknowledged {
                contents.nodes[position].lastHeartbeatAck = acknowledged
                contents.nodes[position].heartbeatsAcknowledged += 1
            }
        }
    }

    /// Each node's answer to a registry request, decided by its responder.
    func decide(
        _ request: RegistryIntrospectionRequest, eventID: EventUUID
    ) -> [(position: Int, decision: IntrospectionResponder.Decision)] {
        contents.withLock { contents in
            var generator = SystemRandomNumberGenerator()
            return contents.nodes.indices.map { position in
                (position, contents.nodes[position].responder.decide(request, eventID: eventID, using: &generator))
            }
        }
    }
}

import BridgeEvents

/// `inspect diff`: per node, what PostgreSQL and Consul hold side by side, whether the registration
/// is complete or partial, and what is still owed to which store.
public enum RegistrationDiff {
    /// A node's row as far as the diff needs it.
    public struct PostgresSide: Sendable, Hashable {
        public var nodeID: String
        public var deregistered: Bool
        public var consulState: String?
        public var healthStatus: String
        public var lastEventID: String?
        public var lastEventAt: String?

        public init(
            nodeID: String, deregistered: Bool, consulState: String?, healthStatus: String, lastEventID: String?,
            lastEventAt: String?
        ) {
            self.nodeID = nodeID
            self.deregistered = deregistered
            self.consulState = consulState
            self.healthStatus = healthStatus
            self.lastEventID = lastEventID
            self.lastEventAt = lastEventAt
        }
    }

    /// A node's Consul service as far as the diff needs it.
    public struct ConsulSide: Sendable, Hashable {
        public var serviceID: String
        public var serviceName: String
        /// The worst status of its checks (`passing`, `warning`, `critical`), nil without checks.
        public var checkStatus: String?

        public init(serviceID: String, serviceName: String, checkStatus: String?) {
            self.serviceID = serviceID
            self.serviceName = serviceName
            self.checkStatus = checkStatus
        }
    }

    /// The newest lifecycle event (introspection or shutdown) seen on Kafka for a node.
    public struct EventSide: Sendable, Hashable {
        public var nodeID: String
        public var eventID: String
        public var eventType: String
        public var timestamp: String

        public init(nodeID: String, eventID: String, eventType: String, timestamp: String) {
            self.nodeID = nodeID
            self.eventID = eventID
            self.eventType = eventType
            self.timestamp = timestamp
        }

        var isShutdown: Bool { eventType == "NODE_SHUTDOWN" }
    }

    public enum Verdict: String, Sendable, Hashable {
        case complete, partial
    }

    public struct Row: Sendable, Hashable {
        public var nodeID: String
        public var event: EventSide?
        public var postgres: PostgresSide?
        public var consul: ConsulSide?
        public var verdict: Verdict
        /// What is owed, in words ("Consul registration", "PostgreSQL row", "Consul deregistration").
        public var owed: [String]
    }

    /// `events` (optional) adds what Kafka holds: a newest announcement without a row, or a newest
    /// shutdown of a live row, is owed too.
    public static func compare(postgres: [PostgresSide], consul: [ConsulSide], events: [EventSide] = []) -> [Row] {
        let rows = Dictionary(postgres.map { ($0.nodeID, $0) }, uniquingKeysWith: { first, _ in first })
        let services = Dictionary(consul.map { ($0.serviceID, $0) }, uniquingKeysWith: { first, _ in first })
        let newest = Dictionary(events.map { ($0.nodeID, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(rows.keys).union(services.keys).union(newest.keys).sorted().map { id in
            let row = rows[id]
            let service = services[id]
            let event = newest[id]
            var owed: [String] = []
            switch (event, row) {
            case (let event?, nil) where !event.isShutdown:
                owed.append("PostgreSQL row of the newest announcement")
            case (let event?, let row?) where event.isShutdown && !row.deregistered && row.lastEventID != event.eventID:
                owed.append("the newest event (a shutdown) in PostgreSQL")
            default:
                break
            }
            switch (row, service) {
            case (let row?, nil) where !row.deregistered:
                owed.append("Consul registration")
            case (nil, nil) where event.map { !$0.isShutdown } ?? false:
                owed.append("Consul registration")
            case (let row?, _?) where row.deregistered:
                owed.append("Consul deregistration")
            case (nil, _?):
                owed.append("PostgreSQL row (or removal from Consul)")
            default:
                break
            }
            if let state = row?.consulState, state.hasPrefix("pending"), owed.isEmpty {
                owed.append("consul_state is \(state)")
            }
            return Row(
                nodeID: id, event: event, postgres: row, consul: service, verdict: owed.isEmpty ? .complete : .partial,
                owed: owed)
        }
    }
}

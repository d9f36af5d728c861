/// The payload of an envelope, one case per event type.
public enum EventPayload: Sendable, Hashable {
    case introspection(NodeIntrospection)
    case heartbeat(NodeHeartbeat)
    case request(RegistryIntrospectionRequest)
    case shutdown(NodeShutdown)

    public var eventType: EventType {
        switch self {
        case .introspection: .nodeIntrospection
        case .heartbeat: .nodeHeartbeat
        case .request: .registryRequestIntrospection
        case .shutdown: .nodeShutdown
        }
    }

    /// The Kafka message key and `partition_key`: the node id, or the registry id for requests.
    public var key: String {
        switch self {
        case .introspection(let p): p.nodeID
        case .heartbeat(let p): p.nodeID
        case .request(let p): p.registryID
        case .shutdown(let p): p.nodeID
        }
    }

    /// The node this event is about (nil for registry requests).
    public var nodeID: String? {
        switch self {
        case .request: nil
        default: key
        }
    }

    public var epoch: Int64? {
        switch self {
        case .introspection(let p): p.epoch
        case .heartbeat(let p): p.epoch
        case .shutdown(let p): p.epoch
        case .request: nil
        }
    }

    init(type: EventType, reading reader: FieldReader) throws(ContractViolation) {
        switch type {
        case .nodeIntrospection: self = .introspection(try NodeIntrospection(reading: reader))
        case .nodeHeartbeat: self = .heartbeat(try NodeHeartbeat(reading: reader))
        case .registryRequestIntrospection: self = .request(try RegistryIntrospectionRequest(reading: reader))
        case .nodeShutdown: self = .shutdown(try NodeShutdown(reading: reader))
        }
    }

    public func json() -> JSONValue {
        switch self {
        case .introspection(let p): p.json()
        case .heartbeat(let p): p.json()
        case .request(let p): p.json()
        case .shutdown(let p): p.json()
        }
    }
}

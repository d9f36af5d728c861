import BridgeEvents
import Foundation

/// One element of a `PUT /v1/txn` body (contract §9), decoded as Consul's `lib.DecodeJSON` decodes
/// `api.TxnOps`: keys case-insensitive, unknown keys refused, KV values base64.
enum DevConsulTxnOperation: Sendable, Equatable {
    struct KV: Sendable, Equatable {
        var verb: String
        var key: String
        var value: [UInt8]
        var flags: UInt64
        var index: UInt64
        var session: String
    }

    struct Node: Sendable, Equatable {
        var verb: String
        var node: DevConsulNode
    }

    struct Service: Sendable, Equatable {
        var verb: String
        var node: String
        var service: DevConsulServiceRecord
    }

    case kv(KV)
    case node(Node)
    case service(Service)
    /// Check ops are decoded only as far as their verb: the dev agent does not apply them.
    case check(verb: String)
    /// An element with none of the four keys (Consul skips it).
    case empty

    /// The most ops one txn may hold.
    static let maximumCount = 128

    /// Whether the op only reads (a txn of such ops takes Consul's read-only fast path).
    var isRead: Bool {
        switch self {
        case .kv(let op):
            ["get", "get-tree", "get-or-empty", "check-index", "check-session", "check-not-exists"].contains(op.verb)
        case .node(let op): op.verb == "get"
        case .service(let op): op.verb == "get"
        case .check(let verb): verb == "get"
        case .empty: true
        }
    }

    /// Decodes the whole body; failures are Go's decoder messages.
    static func decode(_ body: [UInt8]) throws(GoDecodeFailure) -> [DevConsulTxnOperation] {
        let value = try GoJSONDecoding.parse(body)
        guard case .array(let elements) = value else {
            if value == .null { return [] }
            throw GoDecodeFailure(
                message: "json: cannot unmarshal \(GoJSONDecoding.describe(value)) into Go value of type api.TxnOps")
        }
        return try elements.map { (element) throws(GoDecodeFailure) in try decodeOne(element) }
    }

    private static func decodeOne(_ element: JSONValue) throws(GoDecodeFailure) -> DevConsulTxnOperation {
        if element == .null { return .empty }
        let op = try GoStructReader(
            element, structName: "TxnOp", package: "api", fields: ["KV", "Node", "Service", "Check"])
        if let kv = try op.object(
            "KV", structName: "api.KVTxnOp",
            fields: ["Verb", "Key", "Value", "Flags", "Index", "Session", "Namespace", "Partition"])
        {
            return .kv(
                KV(
                    verb: try kv.string("Verb"), key: try kv.string("Key"), value: try base64(kv, "Value"),
                    flags: try unsigned(kv, "Flags"), index: try unsigned(kv, "Index"),
                    session: try kv.string("Session")
                ))
        }
        if let node = try op.object("Node", structName: "api.NodeTxnOp", fields: ["Verb", "Node"]) {
            let fields = try node.object("Node", structName: "api.Node", fields: nodeFields)
            return .node(Node(verb: try node.string("Verb"), node: try decodeNode(fields)))
        }
        if let service = try op.object("Service", structName: "api.ServiceTxnOp", fields: ["Verb", "Node", "Service"]) {
            let fields = try service.object("Service", structName: "api.AgentService", fields: serviceFields)
            return .service(
                Service(
                    verb: try service.string("Verb"), node: try service.string("Node"),
                    service: try decodeService(fields)))
        }
        if let check = try op.object("Check", structName: "api.CheckTxnOp", fields: ["Verb", "Check"]) {
            return .check(verb: try check.string("Verb"))
        }
        return .empty
    }

    static let nodeFields = [
        "ID", "Node", "Address", "Datacenter", "TaggedAddresses", "Meta", "CreateIndex", "ModifyIndex", "Partition",
        "PeerName", "Locality",
    ]

    static let serviceFields = [
        "Kind", "ID", "Service", "Tags", "Meta", "Port", "Address", "SocketPath", "TaggedAddresses", "Weights",
        "EnableTagOverride", "CreateIndex", "ModifyIndex", "ContentHash", "Proxy", "Connect", "PeerName", "Namespace",
        "Partition", "Datacenter", "Locality",
    ]

    private static func decodeNode(_ reader: GoStructReader?) throws(GoDecodeFailure) -> DevConsulNode {
        guard let reader else {
            return DevConsulNode(
                name: "", id: "", address: "", datacenter: "", meta: [:], createIndex: 0, modifyIndex: 0)
        }
        return DevConsulNode(
            name: try reader.string("Node"), id: try reader.string("ID"), address: try reader.string("Address"),
            datacenter: try reader.string("Datacenter"), meta: try reader.stringMap("Meta") ?? [:],
            createIndex: try unsigned(reader, "CreateIndex"), modifyIndex: try unsigned(reader, "ModifyIndex"),
            taggedAddresses: try reader.stringMap("TaggedAddresses"))
    }

    private static func decodeService(_ reader: GoStructReader?) throws(GoDecodeFailure) -> DevConsulServiceRecord {
        var service = DevConsulServiceRecord(
            id: "", name: "", tags: [], address: "", taggedAddresses: [:], meta: [:], port: 0, socketPath: "",
            // The HTTP layer copies Weights by value: omitted, they are {0, 0}.
            weights: DevConsulWeights(passing: 0, warning: 0), enableTagOverride: false, isAgentLocal: false)
        guard let reader else { return service }
        service.id = try reader.string("ID")
        service.name = try reader.string("Service")
        service.tags = try reader.strings("Tags") ?? []
        service.address = try reader.string("Address")
        service.meta = try reader.stringMap("Meta") ?? [:]
        service.port = try reader.int("Port")
        service.socketPath = try reader.string("SocketPath")
        service.enableTagOverride = try reader.bool("EnableTagOverride")
        service.modifyIndex = try unsigned(reader, "ModifyIndex")
        if let weights = try reader.object("Weights", structName: "api.AgentWeights", fields: ["Passing", "Warning"]) {
            service.weights = DevConsulWeights(passing: try weights.int("Passing"), warning: try weights.int("Warning"))
        }
        if case .object(let tagged)? = reader.raw("TaggedAddresses") {
            for (name, value) in tagged {
                let address = try GoStructReader(
                    value, structName: "ServiceAddress", package: "api",
                    path: "AgentService.TaggedAddresses.", fields: ["Address", "Port"])
                service.taggedAddresses[name] = DevConsulServiceAddress(
                    address: try address.string("Address"), port: try address.int("Port"))
            }
        }
        return service
    }

    private static func unsigned(_ reader: GoStructReader, _ field: String) throws(GoDecodeFailure) -> UInt64 {
        let value = try reader.int(field)
        guard value >= 0 else {
            throw GoDecodeFailure(
                message:
                    "json: cannot unmarshal number \(value) into Go struct field \(reader.path)\(field) of type uint64")
        }
        return UInt64(value)
    }

    /// A Go `[]byte` field: standard base64 with padding.
    private static func base64(_ reader: GoStructReader, _ field: String) throws(GoDecodeFailure) -> [UInt8] {
        let text = try reader.string(field)
        guard !text.isEmpty else { return [] }
        guard let data = Data(base64Encoded: text) else {
            throw GoDecodeFailure(message: "illegal base64 data at input byte \(text.count - 1)")
        }
        return Array(data)
    }
}

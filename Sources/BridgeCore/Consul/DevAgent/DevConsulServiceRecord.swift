/// A service the dev agent holds. Services registered through `/v1/agent/*` are agent-local; the
/// node's own `consul` service exists only in the catalog (as on a dev server), as do services
/// written by `/v1/txn`, which may live on other (synthetic) nodes.
struct DevConsulServiceRecord: Sendable, Equatable {
    var id: String
    var name: String
    var tags: [String]
    var address: String
    var taggedAddresses: [String: DevConsulServiceAddress]
    var meta: [String: String]
    var port: Int
    var socketPath: String
    var weights: DevConsulWeights
    var enableTagOverride: Bool
    var isAgentLocal: Bool
    var createIndex: UInt64 = 0
    var modifyIndex: UInt64 = 0
    /// The node it runs on; "" for the agent's own node.
    var nodeName = ""

    /// Where the state keeps it: the ID on the agent's node (one namespace with agent services),
    /// node and ID elsewhere (IDs are unique per node only).
    var key: String { Self.key(node: nodeName, id: id) }

    static func key(node: String, id: String) -> String { node.isEmpty ? id : node + "\u{0}" + id }

    /// Equal apart from the indexes: re-registering it changes nothing.
    func hasSameContent(as other: DevConsulServiceRecord) -> Bool {
        var copy = other
        copy.createIndex = createIndex
        copy.modifyIndex = modifyIndex
        return copy == self
    }
}

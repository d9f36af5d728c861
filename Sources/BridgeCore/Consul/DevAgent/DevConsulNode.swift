/// The dev agent's one node (a dev server is a single node): its name, random ID, address and meta.
struct DevConsulNode: Sendable, Equatable {
    var name: String
    var id: String
    var address: String
    var datacenter: String
    var meta: [String: String]
    var createIndex: UInt64
    var modifyIndex: UInt64
    /// As written by a txn Node op; nil: lan/wan (and their ipv4 forms) are the address.
    var taggedAddresses: [String: String]? = nil
}

extension DevConsulNode {
    /// Equal apart from the indexes.
    func hasSameContent(as other: DevConsulNode) -> Bool {
        var copy = other
        copy.createIndex = createIndex
        copy.modifyIndex = modifyIndex
        return copy == self
    }
}

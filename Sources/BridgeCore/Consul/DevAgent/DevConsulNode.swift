/// The dev agent's one node (a dev server is a single node): its name, random ID, address and meta.
struct DevConsulNode: Sendable, Equatable {
    var name: String
    var id: String
    var address: String
    var datacenter: String
    var meta: [String: String]
    var createIndex: UInt64
    var modifyIndex: UInt64
}

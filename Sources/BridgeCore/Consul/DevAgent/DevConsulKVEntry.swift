/// One key of the dev agent's KV store (Consul's `DirEntry`, without sessions).
struct DevConsulKVEntry: Sendable, Equatable {
    var key: String
    var value: [UInt8]
    var flags: UInt64
    var lockIndex: UInt64 = 0
    var createIndex: UInt64
    var modifyIndex: UInt64
}

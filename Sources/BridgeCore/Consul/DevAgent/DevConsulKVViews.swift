import Foundation

/// How the KV endpoints render entries (contract §8): `DirEntry` fields in Go's order, the value
/// base64-encoded or null when empty.
extension DevConsulKVEntry {
    var json: OrderedJSON {
        .object([
            .init("LockIndex", .uint(lockIndex)),
            .init("Key", .string(key)),
            .init("Flags", .uint(flags)),
            .init("Value", value.isEmpty ? .null : .string(Data(value).base64EncodedString())),
            .init("CreateIndex", .uint(createIndex)),
            .init("ModifyIndex", .uint(modifyIndex)),
        ])
    }
}

/// Consul's rules for service and node meta (`structs.validateMetadata`).
enum DevConsulMetaRules {
    static let maximumPairs = 64
    static let maximumKeyLength = 128
    static let maximumValueLength = 512

    /// nil when valid; else Consul's message. Keys are checked in sorted order (Go iterates a map).
    static func problem(_ meta: [String: String]) -> String? {
        if meta.count > maximumPairs { return "Node metadata cannot contain more than \(maximumPairs) key/value pairs" }
        for key in meta.keys.sorted() {
            let value = meta[key]!
            let reason: String?
            if key.isEmpty {
                reason = "Key cannot be blank"
            } else if !key.utf8.allSatisfy({ isKeyByte($0) }) {
                reason = "Key contains invalid characters"
            } else if key.utf8.count > maximumKeyLength {
                reason = "Key is too long (limit: \(maximumKeyLength) characters)"
            } else if key.hasPrefix("consul-") {
                reason = "Key prefix 'consul-' is reserved for internal use"
            } else if value.utf8.count > maximumValueLength {
                reason = "Value is too long (limit: \(maximumValueLength) characters)"
            } else {
                reason = nil
            }
            if let reason { return "Couldn't load metadata pair ('\(key)', '\(value)'): \(reason)" }
        }
        return nil
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}

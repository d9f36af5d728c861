import BridgeEvents

/// Reads Consul's JSON objects leniently: a missing or `null` field is its zero value (Consul omits
/// empty fields and writes `null` for nil maps and slices), a field of the wrong type is an error.
struct ConsulJSONReader {
    struct Mismatch: Error {
        let description: String
    }

    private let object: [String: JSONValue]

    init(_ value: JSONValue) throws(Mismatch) {
        guard case .object(let object) = value else {
            throw Mismatch(description: "expected a JSON object, got \(value.typeName)")
        }
        self.object = object
    }

    func string(_ key: String) throws(Mismatch) -> String {
        switch object[key] {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case let other?: throw Mismatch(description: "\(key) is \(other.typeName), expected a string")
        }
    }

    func int(_ key: String) throws(Mismatch) -> Int {
        switch object[key] {
        case nil, .null?: return 0
        case let value?:
            guard let number = value.integerValue else {
                throw Mismatch(description: "\(key) is \(value.typeName), expected an integer")
            }
            return Int(number)
        }
    }

    func uint64(_ key: String) throws(Mismatch) -> UInt64 {
        UInt64(clamping: try int(key))
    }

    func bool(_ key: String) throws(Mismatch) -> Bool {
        switch object[key] {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?: throw Mismatch(description: "\(key) is \(other.typeName), expected a boolean")
        }
    }

    func strings(_ key: String) throws(Mismatch) -> [String] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.map { (item) throws(Mismatch) -> String in
                guard case .string(let text) = item else {
                    throw Mismatch(description: "\(key) holds \(item.typeName), expected strings")
                }
                return text
            }
        case let other?: throw Mismatch(description: "\(key) is \(other.typeName), expected an array")
        }
    }

    func stringMap(_ key: String) throws(Mismatch) -> [String: String] {
        switch object[key] {
        case nil, .null?: return [:]
        case .object(let members)?:
            var result: [String: String] = [:]
            for (name, value) in members {
                switch value {
                case .string(let text): result[name] = text
                case .null: result[name] = ""
                default: throw Mismatch(description: "\(key).\(name) is \(value.typeName), expected a string")
                }
            }
            return result
        case let other?: throw Mismatch(description: "\(key) is \(other.typeName), expected an object")
        }
    }

    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func array(_ key: String) throws(Mismatch) -> [JSONValue] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let other?: throw Mismatch(description: "\(key) is \(other.typeName), expected an array")
        }
    }
}

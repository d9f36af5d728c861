/// Serializes a `JSONValue` compactly with sorted keys, so that equal values give equal bytes
/// (the registry compares announcements by content) and output is stable for tests.
public enum JSONWriter {
    public static func string(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    public static func bytes(_ value: JSONValue) -> [UInt8] {
        Array(string(value).utf8)
    }

    public static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite {
                // JSON has no NaN or infinity; a measurement that produced one is unknown.
                out += "null"
            } else if d.rounded() == d, abs(d) < 1e15 {
                out += String(Int64(d)) + ".0"
            } else {
                out += String(d)
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(object[key]!, into: &out)
            }
            out += "}"
        }
    }

    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The serialized length in bytes, computed without building the string (used for the
    /// contract's 64 KiB cap on open objects).
    public static func length(_ value: JSONValue) -> Int {
        switch value {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .int(let i): return String(i).utf8.count
        case .double(let d): return String(d).utf8.count + 2
        case .string(let s): return s.utf8.count + 2
        case .array(let items): return items.reduce(2) { $0 + length($1) + 1 }
        case .object(let object): return object.reduce(2) { $0 + $1.key.utf8.count + 4 + length($1.value) }
        }
    }
}

/// Serializes a `JSONValue` compactly with sorted keys, so that equal values give equal bytes
/// (the registry compares announcements by content) and output is stable for tests.
public enum JSONWriter {
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Writes UTF-8 bytes directly: a heartbeat is serialized for every node every interval, and
    /// appending to a `String` (grapheme-aware, growing through its own storage) cost more than the
    /// rest of publishing it.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, into: &out)
        return out
    }

    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .int(let i): writeInteger(i, into: &out)
        case .double(let d):
            if !d.isFinite {
                // JSON has no NaN or infinity; a measurement that produced one is unknown.
                out.append(contentsOf: "null".utf8)
            } else if d.rounded() == d, abs(d) < 1e15 {
                writeInteger(Int64(d), into: &out)
                out.append(contentsOf: ".0".utf8)
            } else {
                out.append(contentsOf: String(d).utf8)
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so that Int64.min has one too; digits right to left.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: digits[first...])
        }
    }

    /// A JSON string: UTF-8 bytes copied as they are (every byte of a multi-byte sequence is ≥ 0x80,
    /// so none needs escaping); quotes, backslashes and control characters escaped.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
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

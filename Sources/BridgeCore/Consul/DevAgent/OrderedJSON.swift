/// A JSON value whose object members keep their order, written the way Consul's Go code writes it:
/// struct fields in declaration order, map keys sorted, and (as `consul agent -dev` always does)
/// indented by four spaces with a trailing newline.
public indirect enum OrderedJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: OrderedJSON

        public init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    static func uint(_ value: UInt64) -> OrderedJSON { .int(Int64(clamping: value)) }
    static func int(_ value: Int) -> OrderedJSON { .int(Int64(value)) }

    /// A Go map: members sorted by key.
    static func map(_ members: [String: OrderedJSON]) -> OrderedJSON {
        .object(members.keys.sorted().map { Member($0, members[$0]!) })
    }

    static func stringMap(_ members: [String: String]) -> OrderedJSON {
        map(members.mapValues { .string($0) })
    }

    static func strings(_ values: [String]) -> OrderedJSON { .array(values.map { .string($0) }) }

    /// `json.MarshalIndent(v, "", "    ")` plus the newline Consul appends.
    public var pretty: String {
        var output = ""
        output.reserveCapacity(256)
        write(into: &output, indent: 0)
        output += "\n"
        return output
    }

    public var prettyBytes: [UInt8] { Array(pretty.utf8) }

    private func write(into output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (offset, item) in items.enumerated() {
                output += String(repeating: " ", count: (indent + 1) * 4)
                item.write(into: &output, indent: indent + 1)
                output += offset == items.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent * 4) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (offset, member) in members.enumerated() {
                output += String(repeating: " ", count: (indent + 1) * 4)
                Self.writeString(member.key, into: &output)
                output += ": "
                member.value.write(into: &output, indent: indent + 1)
                output += offset == members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: " ", count: indent * 4) + "}"
        }
    }

    /// Go's `encoding/json` string escaping, including its HTML-safe escapes of `<`, `>` and `&`.
    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

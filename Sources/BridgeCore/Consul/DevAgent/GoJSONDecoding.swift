import BridgeEvents

/// Why a request body could not be decoded, in the words of Go's `encoding/json` (Consul puts them
/// after `Request decode failed: `).
struct GoDecodeFailure: Error, Sendable, Equatable {
    let message: String
}

/// Reads request bodies the way Consul's `lib.DecodeJSON` does: `json.Decoder` with
/// `DisallowUnknownFields`, so an empty body is `EOF`, only the first JSON value counts, keys match
/// struct fields case-insensitively, unknown keys are refused, `null` leaves a field unset, and a
/// value of the wrong type is refused with Go's `cannot unmarshal` message.
enum GoJSONDecoding {
    static func parse(_ body: [UInt8]) throws(GoDecodeFailure) -> JSONValue {
        guard body.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw GoDecodeFailure(message: "EOF")
        }
        do {
            return try JSONParser.parse(body)
        } catch let failure {
            // json.Decoder reads one value and leaves the rest of the stream alone.
            if failure.reason == "unexpected data after the JSON value", failure.offset > 0,
                let value = try? JSONParser.parse(body[..<failure.offset])
            {
                return value
            }
            throw GoDecodeFailure(message: goMessage(for: failure, in: body))
        }
    }

    private static func goMessage(for failure: JSONParser.Failure, in body: [UInt8]) -> String {
        guard failure.offset < body.count else { return "unexpected EOF" }
        let character = quoteCharacter(body[failure.offset])
        switch failure.reason {
        case "unexpected end of input", "unterminated string", "unexpected end of number", "short unicode escape",
            "unterminated escape":
            return "unexpected EOF"
        case "expected a string key": return "invalid character \(character) looking for beginning of object key string"
        case "expected ':'": return "invalid character \(character) after object key"
        case "expected ',' or '}'": return "invalid character \(character) after object key:value pair"
        case "expected ',' or ']'": return "invalid character \(character) after array element"
        case "control character in string": return "invalid character \(character) in string literal"
        case "invalid escape", "invalid hex digit", "invalid unicode escape", "unpaired surrogate":
            return "invalid character \(character) in string escape code"
        case "invalid number": return "invalid character \(character) in numeric literal"
        case "invalid literal": return "invalid character \(character) in literal"
        default:
            if failure.reason.hasPrefix("nesting deeper") { return "exceeded max depth" }
            if failure.reason.hasPrefix("duplicate key") { return failure.reason }
            return "invalid character \(character) looking for beginning of value"
        }
    }

    /// Go's `quoteChar`: `'x'`, with `'\''` and `'"'` special-cased.
    private static func quoteCharacter(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: "'") { return "'\\''" }
        if byte == UInt8(ascii: "\"") { return "'\"'" }
        let quoted = GoText.quote(String(decoding: [byte], as: UTF8.self))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }

    /// Go's `UnmarshalTypeError.Value` for `value`: "string", "number", "number 1.5", "bool", …
    static func describe(_ value: JSONValue, literalNumber: Bool = false) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int(let number): literalNumber ? "number \(number)" : "number"
        case .double(let number): literalNumber ? "number \(number)" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

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

/// One JSON object read as a Go struct: `fields` lists the struct's JSON keys (and snake_case
/// aliases); each key of the object is matched to one of them exactly or case-insensitively.
struct GoStructReader {
    let structName: String
    /// The field path prefix used in type errors (`ServiceDefinition.Check.`).
    let path: String
    private var values: [String: JSONValue] = [:]

    init(
        _ value: JSONValue, structName: String, package: String = "structs", path: String? = nil, fields: [String]
    ) throws(GoDecodeFailure) {
        self.structName = structName
        self.path = path ?? structName + "."
        guard case .object(let object) = value else {
            throw GoDecodeFailure(
                message:
                    "json: cannot unmarshal \(GoJSONDecoding.describe(value)) into Go value of type \(package).\(structName)"
            )
        }
        // Exact matches win over case-insensitive ones, as in encoding/json; among keys the first
        // in sorted order is reported unknown (the parsed object does not keep document order).
        for key in object.keys.sorted() {
            let field = fields.first { $0 == key } ?? fields.first { $0.lowercased() == key.lowercased() }
            guard let field else { throw GoDecodeFailure(message: "json: unknown field \(GoText.quote(key))") }
            guard let fieldValue = object[key], fieldValue != .null else { continue }
            if values[field] == nil || key == field { values[field] = fieldValue }
        }
    }

    var isEmpty: Bool { values.isEmpty }

    func has(_ field: String) -> Bool { values[field] != nil }

    func raw(_ field: String) -> JSONValue? { values[field] }

    private func typeError(
        _ field: String, _ value: JSONValue, _ goType: String, literal: Bool = false
    )
        -> GoDecodeFailure
    {
        GoDecodeFailure(
            message:
                "json: cannot unmarshal \(GoJSONDecoding.describe(value, literalNumber: literal)) into Go struct field \(path)\(field) of type \(goType)"
        )
    }

    func string(_ field: String) throws(GoDecodeFailure) -> String {
        guard let value = values[field] else { return "" }
        guard case .string(let text) = value else { throw typeError(field, value, "string") }
        return text
    }

    func int(_ field: String) throws(GoDecodeFailure) -> Int {
        guard let value = values[field] else { return 0 }
        switch value {
        case .int(let number): return Int(number)
        case .double: throw typeError(field, value, "int", literal: true)
        default: throw typeError(field, value, "int")
        }
    }

    func bool(_ field: String) throws(GoDecodeFailure) -> Bool {
        guard let value = values[field] else { return false }
        guard case .bool(let flag) = value else { throw typeError(field, value, "bool") }
        return flag
    }

    func strings(_ field: String) throws(GoDecodeFailure) -> [String]? {
        guard let value = values[field] else { return nil }
        guard case .array(let items) = value else { throw typeError(field, value, "[]string") }
        var result: [String] = []
        for item in items {
            switch item {
            case .string(let text): result.append(text)
            case .null: result.append("")
            default: throw typeError(field, item, "string")
            }
        }
        return result
    }

    func stringMap(_ field: String) throws(GoDecodeFailure) -> [String: String]? {
        guard let value = values[field] else { return nil }
        guard case .object(let object) = value else { throw typeError(field, value, "map[string]string") }
        var result: [String: String] = [:]
        for (key, item) in object {
            switch item {
            case .string(let text): result[key] = text
            case .null: result[key] = ""
            default: throw typeError(field, item, "string")
            }
        }
        return result
    }

    func stringListMap(_ field: String) throws(GoDecodeFailure) -> [String: [String]]? {
        guard let value = values[field] else { return nil }
        guard case .object(let object) = value else { throw typeError(field, value, "map[string][]string") }
        var result: [String: [String]] = [:]
        for (key, item) in object {
            guard case .array(let items) = item else { throw typeError(field, item, "[]string") }
            result[key] = try items.map { (entry) throws(GoDecodeFailure) -> String in
                guard case .string(let text) = entry else { throw typeError(field, entry, "string") }
                return text
            }
        }
        return result
    }

    /// A duration field as Consul's `UnmarshalJSON` methods read it: a Go duration string, or a
    /// number of nanoseconds; any other type is ignored.
    func duration(_ field: String) throws(GoDecodeFailure) -> GoDuration {
        switch values[field] {
        case .string(let text)?:
            do {
                return try GoDuration(parsing: text)
            } catch {
                throw GoDecodeFailure(message: error.message)
            }
        case .int(let nanoseconds)?: return GoDuration(nanoseconds: nanoseconds)
        case .double(let nanoseconds)?: return GoDuration(nanoseconds: Int64(nanoseconds))
        default: return .zero
        }
    }

    /// A nested struct.
    func object(_ field: String, structName: String, fields: [String]) throws(GoDecodeFailure) -> GoStructReader? {
        guard let value = values[field] else { return nil }
        guard case .object = value else { throw typeError(field, value, structName) }
        return try GoStructReader(value, structName: structName, path: path + field + ".", fields: fields)
    }
}

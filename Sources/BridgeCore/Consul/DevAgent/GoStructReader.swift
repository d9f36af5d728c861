import BridgeEvents

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

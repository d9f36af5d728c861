/// Reads the fields of one JSON object under a path ("payload", "payload.resource_usage") and turns
/// every type or rule failure into a `ContractViolation` naming that field. `null` counts as absent,
/// as the Python models treat `None`.
struct FieldReader {
    let path: String
    let object: [String: JSONValue]

    init(path: String, value: JSONValue?, accepted: String = "expected a JSON object") throws(ContractViolation) {
        self.path = path
        guard let value else {
            throw ContractViolation(path: path, problem: "missing", accepted: accepted)
        }
        guard case .object(let object) = value else {
            throw ContractViolation(path: path, problem: "got \(value.typeName)", accepted: accepted)
        }
        self.object = object
    }

    func fieldPath(_ key: String) -> String { Self.join(path, key) }

    /// `path.key` for plain keys; `path["…"]` (JSON-quoted, shortened) for keys with other characters,
    /// so a hostile key can neither break the one-line message nor fake another path.
    static func join(_ path: String, _ key: String) -> String {
        let plain =
            !key.isEmpty && key.utf8.count <= 64
            && key.utf8.allSatisfy {
                ContractRules.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
        return plain ? "\(path).\(key)" : "\(path)[\(ContractViolation.quote(.string(key)))]"
    }

    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func violation(_ key: String, _ problem: String, _ accepted: String) -> ContractViolation {
        ContractViolation(path: fieldPath(key), problem: problem, accepted: accepted)
    }

    /// Rejects keys outside `allowed`, naming the first unknown one in sorted order (so the message is
    /// deterministic).
    func rejectUnknownKeys(allowed: [String]) throws(ContractViolation) {
        let allowedSet = Set(allowed)
        if let unknown = object.keys.filter({ !allowedSet.contains($0) }).sorted().first {
            throw violation(unknown, "unknown field", "expected only " + allowed.joined(separator: ", "))
        }
    }

    // MARK: strings

    func string(_ key: String, accepted: String) throws(ContractViolation) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else {
            throw violation(key, "got \(value.typeName) \(ContractViolation.quote(value))", accepted)
        }
        return string
    }

    func requiredString(_ key: String, accepted: String) throws(ContractViolation) -> String {
        guard let string = try string(key, accepted: accepted) else {
            throw violation(key, "missing", accepted)
        }
        return string
    }

    func boundedString(_ key: String, maxLength: Int) throws(ContractViolation) -> String? {
        let accepted = "expected a string of at most \(maxLength) characters"
        guard let string = try string(key, accepted: accepted) else { return nil }
        guard string.count <= maxLength else {
            throw violation(key, "is \(string.count) characters long", accepted)
        }
        return string
    }

    func enumeration<E: RawRepresentable>(
        _ key: String, _ type: E.Type, accepted: String
    ) throws(ContractViolation) -> E?
    where E.RawValue == String {
        guard let string = try string(key, accepted: accepted) else { return nil }
        guard let value = E(rawValue: string) else {
            throw violation(key, "\(ContractViolation.quote(.string(string))) is not accepted", accepted)
        }
        return value
    }

    func requiredEnumeration<E: RawRepresentable>(
        _ key: String, _ type: E.Type, accepted: String
    ) throws(ContractViolation)
        -> E
    where E.RawValue == String {
        guard let value = try enumeration(key, type, accepted: accepted) else {
            throw violation(key, "missing", accepted)
        }
        return value
    }

    // MARK: numbers

    func integer(_ key: String, range: ClosedRange<Int64>, accepted: String) throws(ContractViolation) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let integer = value.integerValue else {
            throw violation(key, "got \(value.typeName) \(ContractViolation.quote(value))", accepted)
        }
        guard range.contains(integer) else {
            throw violation(key, "\(integer) is out of range", accepted)
        }
        return integer
    }

    func number(_ key: String, minimum: Double, accepted: String) throws(ContractViolation) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.numberValue else {
            throw violation(key, "got \(value.typeName) \(ContractViolation.quote(value))", accepted)
        }
        guard number >= minimum else {
            throw violation(key, "\(number) is out of range", accepted)
        }
        return number
    }

    // MARK: structured values

    func timestamp(_ key: String) throws(ContractViolation) -> EventTimestamp? {
        let accepted = "expected an RFC 3339 timestamp such as 2026-11-24T23:26:42.123456+00:00"
        guard let string = try string(key, accepted: accepted) else { return nil }
        guard let timestamp = EventTimestamp(parsing: string) else {
            throw violation(key, "\(ContractViolation.quote(.string(string))) is not a timestamp", accepted)
        }
        return timestamp
    }

    func uuid(_ key: String) throws(ContractViolation) -> EventUUID? {
        let accepted = "expected a UUID string such as 5b0f8f0e-3c1e-4d8c-9a57-0f6c2f3b9a11"
        guard let string = try string(key, accepted: accepted) else { return nil }
        guard let uuid = EventUUID(parsing: string) else {
            throw violation(key, "\(ContractViolation.quote(.string(string))) is not a UUID", accepted)
        }
        return uuid
    }

    /// An open object (any keys), capped at `ContractRules.openObjectLimit` bytes of JSON.
    func openObject(_ key: String) throws(ContractViolation) -> [String: JSONValue] {
        guard let value = value(key) else { return [:] }
        let accepted = "expected a JSON object of at most \(ContractRules.openObjectLimit) bytes"
        guard case .object(let object) = value else {
            throw violation(key, "got \(value.typeName)", accepted)
        }
        let size = JSONWriter.length(value)
        guard size <= ContractRules.openObjectLimit else {
            throw violation(key, "is \(size) bytes of JSON", accepted)
        }
        return object
    }

    func nested(_ key: String) throws(ContractViolation) -> FieldReader? {
        guard let value = value(key) else { return nil }
        return try FieldReader(path: fieldPath(key), value: value)
    }

    func nodeID(_ key: String = "node_id") throws(ContractViolation) -> String {
        let id = try requiredString(key, accepted: ContractRules.nodeIDAccepted)
        if let problem = ContractRules.nodeIDProblem(id) {
            throw violation(key, problem, ContractRules.nodeIDAccepted)
        }
        return id
    }

    func nodeType(_ key: String = "node_type") throws(ContractViolation) -> NodeType {
        try requiredEnumeration(key, NodeType.self, accepted: NodeType.acceptedList)
    }

    func epoch() throws(ContractViolation) -> Int64? {
        try integer("epoch", range: 1...Int64.max, accepted: "expected an integer of at least 1")
    }
}

/// A `?filter=` expression ready to run over the JSON view of each item an endpoint returns (go-bexpr
/// as Consul uses it). Selectors walk object members (exact key first, then case-insensitively, as
/// Go struct fields match); a selector that crosses an array fans out, so `Checks.Status ==
/// "critical"` holds when any check is critical. A missing field never equals anything and is empty.
struct ConsulFilter: Sendable, Equatable {
    let expression: ConsulFilterExpression

    init(parsing text: String) throws(ConsulFilterError) {
        expression = try ConsulFilterParser.parse(text)
    }

    /// The `?filter` of a request: nil when absent or blank (Consul ignores an empty filter).
    static func from(_ query: HTTPQuery) throws(ConsulFilterError) -> ConsulFilter? {
        guard let text = query.first("filter"), text.contains(where: { !$0.isWhitespace }) else { return nil }
        return try ConsulFilter(parsing: text)
    }

    /// The items the expression holds for, in order.
    func select(_ items: [OrderedJSON]) -> [OrderedJSON] {
        var evaluation = Evaluation()
        return items.filter { evaluation.holds(expression, for: $0) }
    }

    /// A JSON object keyed by ID (agent/services, agent/checks): the members whose value it holds for.
    func selectMembers(_ object: OrderedJSON) -> OrderedJSON {
        guard case .object(let members) = object else { return object }
        var evaluation = Evaluation()
        return .object(members.filter { evaluation.holds(expression, for: $0.value) })
    }

    func holds(for item: OrderedJSON) -> Bool {
        var evaluation = Evaluation()
        return evaluation.holds(expression, for: item)
    }

    /// One run over a list: compiles each `matches` pattern once.
    private struct Evaluation {
        var patterns: [String: Regex<AnyRegexOutput>] = [:]

        mutating func holds(_ expression: ConsulFilterExpression, for item: OrderedJSON) -> Bool {
            switch expression {
            case .and(let left, let right): return holds(left, for: item) && holds(right, for: item)
            case .or(let left, let right): return holds(left, for: item) || holds(right, for: item)
            case .not(let inner): return !holds(inner, for: item)
            case .match(let match): return holds(match, for: item)
            }
        }

        private mutating func holds(_ match: ConsulFilterMatch, for item: OrderedJSON) -> Bool {
            let values = ConsulFilter.resolve(match.selector[...], in: item)
            switch match.op {
            case .equal: return values.contains { ConsulFilter.equals($0, match.value) }
            case .notEqual: return !values.contains { ConsulFilter.equals($0, match.value) }
            case .isEmpty: return values.isEmpty || values.contains(where: ConsulFilter.isEmpty)
            case .isNotEmpty: return !(values.isEmpty || values.contains(where: ConsulFilter.isEmpty))
            case .contains: return values.contains { ConsulFilter.contains($0, match.value) }
            case .notContains: return !values.contains { ConsulFilter.contains($0, match.value) }
            case .matches: return values.contains { matches($0, match.value) }
            case .notMatches: return !values.contains { matches($0, match.value) }
            }
        }

        private mutating func matches(_ value: OrderedJSON, _ pattern: String) -> Bool {
            guard let text = ConsulFilter.text(of: value) else { return false }
            if patterns[pattern] == nil { patterns[pattern] = try? Regex(pattern) }
            guard let regex = patterns[pattern] else { return false }
            return (try? regex.firstMatch(in: text)) != nil
        }
    }

    /// The values a selector reaches from `item`: none when a field is missing, several when the path
    /// crosses an array.
    static func resolve(_ path: ArraySlice<String>, in item: OrderedJSON) -> [OrderedJSON] {
        guard let key = path.first else { return [item] }
        switch item {
        case .object(let members):
            guard
                let member = members.first(where: { $0.key == key })
                    ?? members.first(where: { $0.key.lowercased() == key.lowercased() })
            else { return [] }
            return resolve(path.dropFirst(), in: member.value)
        case .array(let elements):
            return elements.flatMap { resolve(path, in: $0) }
        default:
            return []
        }
    }

    /// A scalar as go-bexpr coerces the literal to the field's type; nil for non-scalars.
    static func text(of value: OrderedJSON) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    static func equals(_ value: OrderedJSON, _ literal: String) -> Bool {
        switch value {
        case .string(let text): return text == literal
        case .int(let number): return Double(literal).map { $0 == Double(number) } ?? false
        case .bool(let flag): return parseBool(literal).map { $0 == flag } ?? false
        case .null, .array, .object: return false
        }
    }

    /// `contains` / `in`: an element of a list, a key of a map, or a substring of a string.
    static func contains(_ value: OrderedJSON, _ literal: String) -> Bool {
        switch value {
        case .array(let elements): return elements.contains { equals($0, literal) }
        case .object(let members): return members.contains { $0.key == literal }
        case .string(let text): return text.contains(literal)
        case .int, .bool, .null: return false
        }
    }

    static func isEmpty(_ value: OrderedJSON) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let elements): elements.isEmpty
        case .object(let members): members.isEmpty
        case .int, .bool: false
        }
    }

    /// Go's `strconv.ParseBool`.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }
}

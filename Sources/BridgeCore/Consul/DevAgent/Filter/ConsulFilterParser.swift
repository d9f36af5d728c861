/// A recursive-descent parser for go-bexpr's grammar as Consul's `?filter=` takes it:
///
///     or    := and ("or" and)*
///     and   := not ("and" not)*
///     not   := "not" not | group | match
///     group := "(" or ")"
///     match := selector ("==" | "!=") value | selector "is" ["not"] "empty"
///            | selector ["not"] ("contains" | "matches") value | value ["not"] "in" selector
///     selector := word ("." word | "[" string "]")*
///     value := string | number | word
///
/// `not` binds tighter than `and`, which binds tighter than `or`.
struct ConsulFilterParser {
    private let tokens: [ConsulFilterToken]
    private var position = 0

    static func parse(_ text: String) throws(ConsulFilterError) -> ConsulFilterExpression {
        var parser = ConsulFilterParser(tokens: try ConsulFilterLexer.tokens(text))
        let expression = try parser.orExpression()
        guard parser.current.kind == .end else {
            throw parser.unexpected(expected: "\"and\", \"or\" or end of input")
        }
        return expression
    }

    private init(tokens: [ConsulFilterToken]) {
        self.tokens = tokens
    }

    private var current: ConsulFilterToken { tokens[position] }
    private var next: ConsulFilterToken { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func unexpected(expected: String) -> ConsulFilterError {
        ConsulFilterError(
            offset: current.offset, reason: "no match found, expected: \(expected); found \(current.display)")
    }

    private mutating func orExpression() throws(ConsulFilterError) -> ConsulFilterExpression {
        var left = try andExpression()
        while current.isWord("or") {
            advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    private mutating func andExpression() throws(ConsulFilterError) -> ConsulFilterExpression {
        var left = try notExpression()
        while current.isWord("and") {
            advance()
            left = .and(left, try notExpression())
        }
        return left
    }

    private mutating func notExpression() throws(ConsulFilterError) -> ConsulFilterExpression {
        if current.isWord("not") {
            advance()
            return .not(try notExpression())
        }
        if current.kind == .leftParenthesis {
            advance()
            let inner = try orExpression()
            guard current.kind == .rightParenthesis else { throw unexpected(expected: "\")\", \"and\" or \"or\"") }
            advance()
            return inner
        }
        return .match(try match())
    }

    private mutating func match() throws(ConsulFilterError) -> ConsulFilterMatch {
        switch current.kind {
        case .string(let value), .number(let value):
            // value ["not"] "in" selector
            advance()
            return try valueFirst(value)
        case .word(let word)
        where next.isWord("in") || (next.isWord("not") && tokens[min(position + 2, tokens.count - 1)].isWord("in")):
            advance()
            return try valueFirst(word)
        case .word:
            let selector = try self.selector()
            return try selectorFirst(selector)
        default:
            throw unexpected(expected: "\"(\", \"not\", a selector, a string or a number")
        }
    }

    private mutating func valueFirst(_ value: String) throws(ConsulFilterError) -> ConsulFilterMatch {
        var negated = false
        if current.isWord("not") {
            negated = true
            advance()
        }
        guard current.isWord("in") else { throw unexpected(expected: "\"in\" or \"not in\"") }
        advance()
        return ConsulFilterMatch(selector: try selector(), op: negated ? .notContains : .contains, value: value)
    }

    private mutating func selectorFirst(_ selector: [String]) throws(ConsulFilterError) -> ConsulFilterMatch {
        switch current.kind {
        case .equal:
            advance()
            return ConsulFilterMatch(selector: selector, op: .equal, value: try value())
        case .notEqual:
            advance()
            return ConsulFilterMatch(selector: selector, op: .notEqual, value: try value())
        case .word("is"):
            advance()
            var negated = false
            if current.isWord("not") {
                negated = true
                advance()
            }
            guard current.isWord("empty") else { throw unexpected(expected: "\"empty\" or \"not empty\"") }
            advance()
            return ConsulFilterMatch(selector: selector, op: negated ? .isNotEmpty : .isEmpty, value: "")
        case .word("contains"):
            advance()
            return ConsulFilterMatch(selector: selector, op: .contains, value: try value())
        case .word("matches"):
            advance()
            return ConsulFilterMatch(selector: selector, op: .matches, value: try pattern())
        case .word("not"):
            advance()
            if current.isWord("contains") {
                advance()
                return ConsulFilterMatch(selector: selector, op: .notContains, value: try value())
            }
            if current.isWord("matches") {
                advance()
                return ConsulFilterMatch(selector: selector, op: .notMatches, value: try pattern())
            }
            throw unexpected(expected: "\"contains\" or \"matches\"")
        default:
            throw unexpected(
                expected:
                    "\"!=\", \".\", \"==\", \"[\", \"contains\", \"is\", \"matches\", \"not contains\", \"not matches\""
            )
        }
    }

    private mutating func selector() throws(ConsulFilterError) -> [String] {
        guard case .word(let first) = current.kind, !Self.keywords.contains(first) else {
            throw unexpected(expected: "a selector")
        }
        advance()
        var parts = [first]
        while true {
            if current.kind == .dot {
                advance()
                guard case .word(let part) = current.kind else { throw unexpected(expected: "a selector field") }
                parts.append(part)
                advance()
            } else if current.kind == .leftBracket {
                advance()
                guard case .string(let key) = current.kind else { throw unexpected(expected: "a quoted map key") }
                advance()
                guard current.kind == .rightBracket else { throw unexpected(expected: "\"]\"") }
                advance()
                parts.append(key)
            } else {
                return parts
            }
        }
    }

    private mutating func value() throws(ConsulFilterError) -> String {
        switch current.kind {
        case .string(let text), .number(let text):
            advance()
            return text
        case .word(let word) where !Self.keywords.contains(word):
            advance()
            return word
        default:
            throw unexpected(expected: "a string, a number or a bare word")
        }
    }

    /// The value of `matches`: a valid regular expression.
    private mutating func pattern() throws(ConsulFilterError) -> String {
        let offset = current.offset
        let text = try value()
        do {
            _ = try Regex(text)
        } catch {
            throw ConsulFilterError(offset: offset, reason: "invalid regular expression \(GoText.quote(text))")
        }
        return text
    }

    private static let keywords: Set<String> = ["and", "or", "not", "in", "is", "empty", "contains", "matches"]
}

/// One lexical token of a go-bexpr filter expression, with the byte offset it starts at (for the
/// `1:<column> (<offset>)` position in parse errors).
struct ConsulFilterToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare word: a selector part, a keyword (`and`, `or`, `not`, `in`, `is`, `empty`,
        /// `contains`, `matches`) or an unquoted value.
        case word(String)
        /// A double-quoted (escapes decoded) or backtick (raw) string.
        case string(String)
        case number(String)
        case equal
        case notEqual
        case leftParenthesis
        case rightParenthesis
        case leftBracket
        case rightBracket
        case dot
        case end
    }

    let kind: Kind
    let offset: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .word(let word): word
        case .string(let text): "\"\(text)\""
        case .number(let text): text
        case .equal: "=="
        case .notEqual: "!="
        case .leftParenthesis: "("
        case .rightParenthesis: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .dot: "."
        case .end: "end of input"
        }
    }

    /// The keyword this token is, if it is that bare word.
    func isWord(_ keyword: String) -> Bool { kind == .word(keyword) }
}

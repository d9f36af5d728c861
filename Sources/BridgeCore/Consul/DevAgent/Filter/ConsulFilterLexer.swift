/// Splits a filter expression into tokens. Words are go-bexpr identifiers (`[A-Za-z_][A-Za-z0-9_/]*`);
/// a `-` or `.` inside an unquoted value therefore ends the word and the parser refuses what follows,
/// as Consul does.
enum ConsulFilterLexer {
    static func tokens(_ text: String) throws(ConsulFilterError) -> [ConsulFilterToken] {
        let bytes = Array(text.utf8)
        var tokens: [ConsulFilterToken] = []
        var index = 0
        while true {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            let start = index
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else {
                    throw ConsulFilterError(offset: start, reason: "no match found, expected: \"!=\" or \"==\"")
                }
                tokens.append(.init(kind: byte == UInt8(ascii: "=") ? .equal : .notEqual, offset: start))
                index += 2
            case UInt8(ascii: "("): tokens.append(.init(kind: .leftParenthesis, offset: start)); index += 1
            case UInt8(ascii: ")"): tokens.append(.init(kind: .rightParenthesis, offset: start)); index += 1
            case UInt8(ascii: "["): tokens.append(.init(kind: .leftBracket, offset: start)); index += 1
            case UInt8(ascii: "]"): tokens.append(.init(kind: .rightBracket, offset: start)); index += 1
            case UInt8(ascii: "."): tokens.append(.init(kind: .dot, offset: start)); index += 1
            case UInt8(ascii: "\""):
                let (text, end) = try quoted(bytes, from: index)
                tokens.append(.init(kind: .string(text), offset: start))
                index = end
            case UInt8(ascii: "`"):
                guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "`")) else {
                    throw ConsulFilterError(offset: start, reason: "no match found, expected: a closing \"`\"")
                }
                tokens.append(
                    .init(kind: .string(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)), offset: start))
                index = close + 1
            default:
                if isWordStart(byte) {
                    while index < bytes.count,
                        isWordStart(bytes[index]) || isDigit(bytes[index])
                            || bytes[index] == UInt8(ascii: "/")
                    {
                        index += 1
                    }
                    tokens.append(
                        .init(kind: .word(String(decoding: bytes[start..<index], as: UTF8.self)), offset: start))
                } else if isDigit(byte) || byte == UInt8(ascii: "-") {
                    index += 1
                    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count,
                        isDigit(bytes[index + 1])
                    {
                        index += 1
                        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                    }
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    guard text != "-" else {
                        throw ConsulFilterError(offset: start, reason: "no match found, expected: [0-9]")
                    }
                    tokens.append(.init(kind: .number(text), offset: start))
                } else {
                    throw ConsulFilterError(
                        offset: start,
                        reason: "no match found, expected: \"(\", \"not\", a selector, a string or a number")
                }
            }
        }
        tokens.append(.init(kind: .end, offset: bytes.count))
        return tokens
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// A double-quoted string with Go's escapes; returns the text and the offset after the quote.
    private static func quoted(_ bytes: [UInt8], from start: Int) throws(ConsulFilterError) -> (String, Int) {
        var output: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return (String(decoding: output, as: UTF8.self), index + 1) }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { break }
                switch bytes[index + 1] {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(bytes[index + 1])
                default:
                    throw ConsulFilterError(offset: index, reason: "invalid escape in a quoted string")
                }
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        throw ConsulFilterError(offset: start, reason: "no match found, expected: a closing '\"'")
    }
}

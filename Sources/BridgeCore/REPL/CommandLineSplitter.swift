/// Splits a REPL line into arguments the way a POSIX shell does for the simple cases operators type:
/// whitespace separates words, single quotes keep everything literal, double quotes keep spaces and
/// honour `\"` and `\\`, a backslash outside quotes escapes the next character. So a line typed in the
/// REPL means what the same line means at a shell prompt.
public enum CommandLineSplitter {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func split(_ line: String) throws(Problem) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    current.append(next)
                }
                guard closed else { throw Problem(description: "unterminated single quote; close it with '") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if escaped != "\"" && escaped != "\\" { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                guard closed else { throw Problem(description: "unterminated double quote; close it with \"") }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            case "#" where !inWord:
                // A comment to the end of the line (scripts piped into the REPL may carry them).
                if inWord { words.append(current) }
                return words
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

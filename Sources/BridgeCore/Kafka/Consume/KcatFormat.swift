/// kcat's `-f` output format: `%t` topic, `%p` partition, `%o` offset, `%k` key, `%K` key length,
/// `%s` value, `%S` value length, `%T` timestamp (ms), `%h` headers (`name=value,…`), `%%`, and the
/// escapes `\n \r \t \\ \xNN`. Lengths and the timestamp are -1 when absent, as in kcat.
public struct KcatFormat: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case topic, partition, offset, key, keyLength, value, valueLength, timestamp, headers
    }

    public static let accepted = "accepted tokens: %t %p %o %k %K %s %S %T %h %% and escapes \\n \\r \\t \\\\ \\xNN"

    let tokens: [Token]

    /// The format that prints each value on its own line (`--output raw`).
    public static let valuePerLine = KcatFormat(tokens: [.value, .literal([UInt8(ascii: "\n")])])

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    public init(parsing format: String) throws(BridgeError) {
        var tokens: [Token] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
        }
        var bytes = Array(format.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let code = bytes.popFirst() else {
                    throw .usage("-f '\(format)' ends with a lone %; \(Self.accepted).")
                }
                let token: Token
                switch code {
                case UInt8(ascii: "t"): token = .topic
                case UInt8(ascii: "p"): token = .partition
                case UInt8(ascii: "o"): token = .offset
                case UInt8(ascii: "k"): token = .key
                case UInt8(ascii: "K"): token = .keyLength
                case UInt8(ascii: "s"): token = .value
                case UInt8(ascii: "S"): token = .valueLength
                case UInt8(ascii: "T"): token = .timestamp
                case UInt8(ascii: "h"): token = .headers
                case UInt8(ascii: "%"):
                    literal.append(code)
                    continue
                default:
                    throw .usage(
                        "-f '\(format)' has the unknown token %\(Character(Unicode.Scalar(code))); \(Self.accepted).")
                }
                flush()
                tokens.append(token)
            case UInt8(ascii: "\\"):
                guard let code = bytes.popFirst() else {
                    literal.append(byte)
                    continue
                }
                switch code {
                case UInt8(ascii: "n"): literal.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): literal.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "t"): literal.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\\"): literal.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "x"):
                    let digits = bytes.prefix(2).prefix { Self.hexValue($0) != nil }
                    guard !digits.isEmpty else {
                        throw .usage("-f '\(format)' has \\x without hex digits; \(Self.accepted).")
                    }
                    bytes = bytes.dropFirst(digits.count)
                    literal.append(digits.reduce(0) { $0 << 4 | Self.hexValue($1)! })
                default:
                    literal.append(byte)
                    literal.append(code)
                }
            default:
                literal.append(byte)
            }
        }
        flush()
        self.tokens = tokens
    }

    /// Whether rendering needs the message headers (reading them costs time).
    public var needsHeaders: Bool { tokens.contains(.headers) }

    public func render(_ message: KafkaMessage, into output: inout [UInt8]) {
        Self.withBytes(message.key) { key in
            Self.withBytes(message.value) { value in
                render(
                    topic: message.topic, partition: message.partition, offset: message.offset, key: key, value: value,
                    timestamp: message.timestampMilliseconds, headers: { message.headers }, into: &output)
            }
        }
    }

    /// Renders a message read in place (no copy: the fast path of `consume topic`).
    public func render(_ message: KafkaMessageView, into output: inout [UInt8]) {
        render(
            topic: message.topic, partition: message.partition, offset: message.offset, key: message.key,
            value: message.value, timestamp: message.timestampMilliseconds, headers: { message.headers },
            into: &output)
    }

    private func render(
        topic: String, partition: Int32, offset: Int64, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        timestamp: Int64?, headers: () -> [KafkaHeader], into output: inout [UInt8]
    ) {
        for token in tokens {
            switch token {
            case .literal(let bytes): output += bytes
            case .topic: output += topic.utf8
            case .partition: Self.append(Int64(partition), to: &output)
            case .offset: Self.append(offset, to: &output)
            case .key: if let key { output += key }
            case .keyLength: Self.append(key.map { Int64($0.count) } ?? -1, to: &output)
            case .value: if let value { output += value }
            case .valueLength: Self.append(value.map { Int64($0.count) } ?? -1, to: &output)
            case .timestamp: Self.append(timestamp ?? -1, to: &output)
            case .headers:
                for (index, header) in headers().enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output += header.name.utf8
                    output.append(UInt8(ascii: "="))
                    if let value = header.value { output += value }
                }
            }
        }
    }

    private static func withBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }

    static func append(_ number: Int64, to output: inout [UInt8]) {
        output += String(number).utf8
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

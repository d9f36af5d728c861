/// A duration as Go's `time.Duration` writes and reads it (`"10s"`, `"1m30s"`, `"1h0m0s"`,
/// `"500ms"`): Consul sends and accepts durations in this form. Stored as nanoseconds.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static func seconds(_ seconds: Int64) -> GoDuration { GoDuration(nanoseconds: seconds * 1_000_000_000) }
    public static func milliseconds(_ milliseconds: Int64) -> GoDuration {
        GoDuration(nanoseconds: milliseconds * 1_000_000)
    }
    public static let zero = GoDuration(nanoseconds: 0)

    public var duration: Duration { .nanoseconds(nanoseconds) }
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Go's `time.ParseDuration`. Errors carry Go's wording (`time: invalid duration "abc"`), which
    /// Consul passes through in its 400 bodies.
    public init(parsing text: String) throws(GoDurationError) {
        let quoted = GoText.quote(text)
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        if bytes[index...].elementsEqual("0".utf8) {
            self.init(nanoseconds: 0)
            return
        }
        guard index < bytes.count else { throw GoDurationError("time: invalid duration \(quoted)") }
        var total: Double = 0
        while index < bytes.count {
            let digitsStart = index
            var whole: Double = 0
            while index < bytes.count, isDigit(bytes[index]) {
                whole = whole * 10 + Double(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            let sawWhole = index != digitsStart
            var fraction: Double = 0
            var sawFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var scale: Double = 0.1
                while index < bytes.count, isDigit(bytes[index]) {
                    fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    sawFraction = true
                    index += 1
                }
            }
            guard sawWhole || sawFraction else { throw GoDurationError("time: invalid duration \(quoted)") }
            let unitStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), !isDigit(bytes[index]) { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard !unit.isEmpty else { throw GoDurationError("time: missing unit in duration \(quoted)") }
            guard let scale = Self.units[unit] else {
                throw GoDurationError("time: unknown unit \(GoText.quote(unit)) in duration \(quoted)")
            }
            total += (whole + fraction) * scale
            guard total < 9.223372036854775e18 else { throw GoDurationError("time: invalid duration \(quoted)") }
        }
        self.init(nanoseconds: Int64(negative ? -total : total))
    }

    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// Go's `Duration.String()`.
    public var description: String {
        var value = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        if value == 0 { return "0s" }
        if value < 1_000_000_000 {
            let (unit, precision): (String, Int) =
                value < 1_000 ? ("ns", 0) : value < 1_000_000 ? ("µs", 3) : ("ms", 6)
            let (integer, fraction) = Self.split(value, precision: precision)
            return sign + String(integer) + fraction + unit
        }
        let (wholeSeconds, fraction) = Self.split(value, precision: 9)
        value = wholeSeconds
        var text = String(value % 60) + fraction + "s"
        value /= 60
        if value > 0 {
            text = String(value % 60) + "m" + text
            value /= 60
            if value > 0 { text = String(value) + "h" + text }
        }
        return sign + text
    }

    /// `value / 10^precision` and its fraction as ".123" without trailing zeros ("" when none).
    private static func split(_ value: UInt64, precision: Int) -> (UInt64, String) {
        var scale: UInt64 = 1
        for _ in 0..<precision { scale *= 10 }
        let fraction = value % scale
        guard fraction != 0 else { return (value / scale, "") }
        var digits = String(fraction)
        digits = String(repeating: "0", count: precision - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (value / scale, "." + digits)
    }
}

/// A duration that `GoDuration(parsing:)` refused, with Go's message.
public struct GoDurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

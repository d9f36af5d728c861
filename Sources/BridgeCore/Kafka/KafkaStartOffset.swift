/// Where reading a partition starts, as kcat's `-o`: `beginning`, `end`, `stored` (the group's
/// committed offset), an absolute offset `N`, or `-N` (N messages before the end).
public enum KafkaStartOffset: Sendable, Hashable, CustomStringConvertible {
    case beginning
    case end
    case stored
    case absolute(Int64)
    case tail(Int64)

    public static let accepted = "accepted: beginning, end, stored, an offset N >= 0, or -N (N messages before the end)"

    public init(parsing text: String) throws(BridgeError) {
        switch text {
        case "beginning": self = .beginning
        case "end": self = .end
        case "stored": self = .stored
        default:
            if text.hasPrefix("-"), let count = Int64(text.dropFirst()), count > 0 {
                self = .tail(count)
            } else if let offset = Int64(text), offset >= 0, text.first?.isNumber == true {
                self = .absolute(offset)
            } else {
                throw .usage("-o '\(text)' is not an offset; \(Self.accepted).")
            }
        }
    }

    /// librdkafka's encoding: logical offsets are negative constants (BEGINNING -2, END -1, STORED
    /// -1000, TAIL(n) -2000-n); they are part of librdkafka's stable ABI.
    public var librdkafkaValue: Int64 {
        switch self {
        case .beginning: -2
        case .end: -1
        case .stored: -1000
        case .absolute(let offset): offset
        case .tail(let count): -2000 - count
        }
    }

    public var description: String {
        switch self {
        case .beginning: "beginning"
        case .end: "end"
        case .stored: "stored"
        case .absolute(let offset): String(offset)
        case .tail(let count): "-\(count)"
        }
    }
}

extension KafkaStartOffset {
    /// librdkafka's "no offset" marker (RD_KAFKA_OFFSET_INVALID), e.g. a group with nothing committed.
    public static let invalid: Int64 = -1001

    /// Whether `offset` is a real position rather than one of librdkafka's logical markers.
    public static func isReal(_ offset: Int64) -> Bool { offset >= 0 }
}

extension KafkaStartOffset {
    /// The absolute offset this start means in a partition whose log spans `low..<high`. Assigning
    /// absolute offsets lets fetching begin at once (a logical offset is looked up first, and that
    /// lookup backs off half a second when the leader's connection is still being set up). nil for
    /// `stored`, which only the group knows.
    public func resolved(low: Int64, high: Int64) -> Int64? {
        switch self {
        case .beginning: low
        case .end: high
        case .absolute(let offset): offset
        case .tail(let count): max(low, high - count)
        case .stored: nil
        }
    }
}

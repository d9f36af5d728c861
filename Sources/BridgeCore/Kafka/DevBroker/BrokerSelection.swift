/// Which brokers of the dev broker an admin command acts on: one by id, or all of them.
public enum BrokerSelection: Sendable, Hashable, CustomStringConvertible {
    case all
    case broker(Int32)

    public static let accepted = "accepted: a broker id (1, 2, …) or all"

    public init(parsing text: String) throws(BridgeError) {
        if text == "all" {
            self = .all
        } else if let id = Int32(text), id >= 1 {
            self = .broker(id)
        } else {
            throw .usage("Broker '\(text)' is not a broker; \(Self.accepted).")
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .broker(let id): String(id)
        }
    }

    func ids(among known: [Int32]) -> [Int32] {
        switch self {
        case .all: known.sorted()
        case .broker(let id): [id]
        }
    }
}

import BridgeEvents

/// A change to a node's `active_operations` through its control endpoint:
/// `PUT /control/active-operations` with a number (or `{"active_operations": n}`),
/// `POST /control/operations/start` (+1) and `POST /control/operations/finish` (−1, never below 0).
public enum ActiveOperationsChange: Sendable, Hashable {
    case set(Int64)
    case start
    case finish

    public static let accepted =
        "accepted: PUT /control/active-operations with a whole number of at least 0 (or {\"active_operations\": n}), POST /control/operations/start or /finish"

    /// Parses the part of the path after `/control/` with the request's method and body.
    public init(method: String, action: String, body: [UInt8]) throws(BridgeError) {
        switch (method, action) {
        case ("PUT", "active-operations"), ("POST", "active-operations"):
            let text = String(decoding: body, as: UTF8.self).trimmingWhitespace()
            var value: JSONValue? = try? JSONParser.parse(text)
            if let object = value?.objectValue { value = object["active_operations"] }
            guard let number = value?.integerValue, number >= 0 else {
                throw .usage("Active operations '\(text)' is not a whole number of at least 0; \(Self.accepted).")
            }
            self = .set(number)
        case ("POST", "operations/start"): self = .start
        case ("POST", "operations/finish"): self = .finish
        default:
            throw .usage("\(method) /control/\(action) is not a control request; \(Self.accepted).")
        }
    }

    public func applied(to current: Int64) -> Int64 {
        switch self {
        case .set(let value): value
        case .start: current + 1
        case .finish: max(0, current - 1)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

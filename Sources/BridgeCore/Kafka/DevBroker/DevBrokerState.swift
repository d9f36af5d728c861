import BridgeEvents

/// One broker of the dev broker as the admin endpoint reports it.
public struct DevBrokerState: Sendable, Hashable {
    public var id: Int32
    public var port: Int
    public var up: Bool

    public init(id: Int32, port: Int, up: Bool) {
        self.id = id
        self.port = port
        self.up = up
    }

    public var address: String { "127.0.0.1:\(port)" }

    func json() -> JSONValue {
        ["id": .int(Int64(id)), "address": .string(address), "up": .bool(up)]
    }

    /// Reads the admin endpoint's `{"brokers": [...]}` document.
    static func list(from document: JSONValue) -> [DevBrokerState]? {
        guard case .array(let items)? = document.objectValue?["brokers"] else { return nil }
        var states: [DevBrokerState] = []
        for item in items {
            guard let object = item.objectValue, let id = object["id"]?.integerValue,
                let address = object["address"]?.stringValue, case .bool(let up)? = object["up"],
                let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...])
            else { return nil }
            states.append(DevBrokerState(id: Int32(id), port: port, up: up))
        }
        return states
    }
}

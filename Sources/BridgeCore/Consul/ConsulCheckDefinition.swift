import BridgeEvents

/// A service's health check as Consul's `CheckType`.
public struct ConsulCheckDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Passed through the agent's TTL endpoints; critical when not passed within `ttl`.
        case ttl(GoDuration)
        /// Consul requests `url` every `interval`; 2xx is passing.
        case http(url: String, interval: GoDuration, timeout: GoDuration? = nil)
    }

    public var kind: Kind
    /// nil lets Consul choose (`service:<service id>`).
    public var checkID: String?
    public var name: String?
    public var notes: String?
    /// Consul starts checks critical unless told otherwise.
    public var initialStatus: ConsulCheckStatus?
    /// Consul raises values below its minimum (1m by default).
    public var deregisterCriticalServiceAfter: GoDuration?

    public init(
        _ kind: Kind, checkID: String? = nil, name: String? = nil, notes: String? = nil,
        initialStatus: ConsulCheckStatus? = nil, deregisterCriticalServiceAfter: GoDuration? = nil
    ) {
        self.kind = kind
        self.checkID = checkID
        self.name = name
        self.notes = notes
        self.initialStatus = initialStatus
        self.deregisterCriticalServiceAfter = deregisterCriticalServiceAfter
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [:]
        switch kind {
        case .ttl(let ttl):
            object["TTL"] = .string(ttl.description)
        case .http(let url, let interval, let timeout):
            object["HTTP"] = .string(url)
            object["Interval"] = .string(interval.description)
            if let timeout { object["Timeout"] = .string(timeout.description) }
        }
        if let checkID { object["CheckID"] = .string(checkID) }
        if let name { object["Name"] = .string(name) }
        if let notes { object["Notes"] = .string(notes) }
        if let initialStatus { object["Status"] = .string(initialStatus.description) }
        if let after = deregisterCriticalServiceAfter {
            object["DeregisterCriticalServiceAfter"] = .string(after.description)
        }
        return .object(object)
    }
}

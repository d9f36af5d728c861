import BridgeEvents

/// A service to register on the local agent (`PUT /v1/agent/service/register`), with at most one
/// health check.
public struct ConsulServiceDefinition: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tags: [String]
    public var address: String
    public var port: Int
    public var meta: [String: String]
    public var check: ConsulCheckDefinition?
    public var enableTagOverride: Bool

    public init(
        id: String, name: String, tags: [String] = [], address: String = "", port: Int = 0,
        meta: [String: String] = [:],
        check: ConsulCheckDefinition? = nil, enableTagOverride: Bool = false
    ) {
        self.id = id
        self.name = name
        self.tags = tags
        self.address = address
        self.port = port
        self.meta = meta
        self.check = check
        self.enableTagOverride = enableTagOverride
    }

    /// The registry's registration of a node (DESIGN.md §4.5): its TTL or HTTP check passing at
    /// registration, under Consul's default check ID `service:<id>`.
    public init(_ registration: ServiceRegistration) {
        let kind: ConsulCheckDefinition.Kind =
            switch registration.check {
            case .ttl(let seconds): .ttl(.seconds(Int64(seconds)))
            case .http(let url, let interval): .http(url: url, interval: .seconds(Int64(interval)))
            }
        self.init(
            id: registration.id, name: registration.name, tags: registration.tags, address: registration.address,
            port: registration.port, meta: registration.meta,
            check: ConsulCheckDefinition(
                kind, checkID: registration.checkID, initialStatus: .passing,
                deregisterCriticalServiceAfter: registration.deregisterCriticalAfterSeconds.map {
                    .seconds(Int64($0))
                }))
    }

    /// The request body, as Consul's `ServiceDefinition`.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "ID": .string(id), "Name": .string(name), "Tags": .array(tags.map { .string($0) }),
            "Address": .string(address), "Port": .int(Int64(port)), "Meta": .object(meta.mapValues { .string($0) }),
            "EnableTagOverride": .bool(enableTagOverride),
        ]
        if let check { object["Check"] = check.json }
        return .object(object)
    }
}

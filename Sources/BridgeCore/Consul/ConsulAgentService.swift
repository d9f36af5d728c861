import BridgeEvents

/// A service as the agent (`/v1/agent/services`) or the health endpoint's `Service` shows it.
public struct ConsulAgentService: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tags: [String]
    public var meta: [String: String]
    /// 0 when Consul omitted it (the health endpoint omits a zero port).
    public var port: Int
    public var address: String
    public var enableTagOverride: Bool
    public var datacenter: String
    /// Only from `GET /v1/agent/service/:id`.
    public var contentHash: String

    public init(
        id: String, name: String, tags: [String] = [], meta: [String: String] = [:], port: Int = 0,
        address: String = "", enableTagOverride: Bool = false, datacenter: String = "dc1", contentHash: String = ""
    ) {
        self.id = id
        self.name = name
        self.tags = tags
        self.meta = meta
        self.port = port
        self.address = address
        self.enableTagOverride = enableTagOverride
        self.datacenter = datacenter
        self.contentHash = contentHash
    }

    init(json: JSONValue) throws(ConsulJSONReader.Mismatch) {
        let reader = try ConsulJSONReader(json)
        id = try reader.string("ID")
        name = try reader.string("Service")
        tags = try reader.strings("Tags")
        meta = try reader.stringMap("Meta")
        port = try reader.int("Port")
        address = try reader.string("Address")
        enableTagOverride = try reader.bool("EnableTagOverride")
        datacenter = try reader.string("Datacenter")
        contentHash = try reader.string("ContentHash")
    }
}

import BridgeEvents

/// What a client needs from `GET /v1/agent/self`.
public struct ConsulAgentInfo: Sendable, Hashable {
    public var nodeName: String
    public var datacenter: String
    public var version: String

    init(json: JSONValue) throws(ConsulJSONReader.Mismatch) {
        let reader = try ConsulJSONReader(json)
        guard let config = reader.value("Config") else {
            throw ConsulJSONReader.Mismatch(description: "agent/self has no Config")
        }
        let configReader = try ConsulJSONReader(config)
        nodeName = try configReader.string("NodeName")
        datacenter = try configReader.string("Datacenter")
        version = try configReader.string("Version")
    }
}

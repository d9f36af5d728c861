import BridgeEvents

/// A health check as `/v1/agent/checks` and the health endpoints show it.
public struct ConsulHealthCheck: Sendable, Hashable {
    public var node: String
    public var checkID: String
    public var name: String
    public var status: ConsulCheckStatus
    public var notes: String
    public var output: String
    public var serviceID: String
    public var serviceName: String
    public var serviceTags: [String]
    /// `ttl`, `http`, … ("" for node checks such as `serfHealth`).
    public var type: String
    public var createIndex: UInt64
    public var modifyIndex: UInt64

    init(json: JSONValue) throws(ConsulJSONReader.Mismatch) {
        let reader = try ConsulJSONReader(json)
        node = try reader.string("Node")
        checkID = try reader.string("CheckID")
        name = try reader.string("Name")
        status = ConsulCheckStatus(try reader.string("Status"))
        notes = try reader.string("Notes")
        output = try reader.string("Output")
        serviceID = try reader.string("ServiceID")
        serviceName = try reader.string("ServiceName")
        serviceTags = try reader.strings("ServiceTags")
        type = try reader.string("Type")
        createIndex = try reader.uint64("CreateIndex")
        modifyIndex = try reader.uint64("ModifyIndex")
    }
}

import BridgeEvents

/// One instance from `GET /v1/catalog/service/:name` (Consul's `ServiceNode`).
public struct ConsulCatalogService: Sendable, Hashable {
    public var node: String
    /// The node's address (the service's own is `serviceAddress`).
    public var address: String
    public var datacenter: String
    public var serviceID: String
    public var serviceName: String
    public var serviceTags: [String]
    public var serviceAddress: String
    public var servicePort: Int
    public var serviceMeta: [String: String]
    public var createIndex: UInt64
    public var modifyIndex: UInt64

    init(json: JSONValue) throws(ConsulJSONReader.Mismatch) {
        let reader = try ConsulJSONReader(json)
        node = try reader.string("Node")
        address = try reader.string("Address")
        datacenter = try reader.string("Datacenter")
        serviceID = try reader.string("ServiceID")
        serviceName = try reader.string("ServiceName")
        serviceTags = try reader.strings("ServiceTags")
        serviceAddress = try reader.string("ServiceAddress")
        servicePort = try reader.int("ServicePort")
        serviceMeta = try reader.stringMap("ServiceMeta")
        createIndex = try reader.uint64("CreateIndex")
        modifyIndex = try reader.uint64("ModifyIndex")
    }
}

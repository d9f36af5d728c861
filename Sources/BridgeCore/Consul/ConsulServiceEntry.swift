import BridgeEvents

/// One entry of `GET /v1/health/service/:name`: the instance, its node and every check that
/// applies to it (node checks such as `serfHealth` included).
public struct ConsulServiceEntry: Sendable, Hashable {
    public var nodeName: String
    public var nodeAddress: String
    public var service: ConsulAgentService
    public var checks: [ConsulHealthCheck]

    /// The worst status of all the entry's checks, as Consul's `?passing` judges it.
    public var aggregatedStatus: ConsulCheckStatus { .aggregate(checks.map(\.status)) }

    /// The service's own checks, without node checks.
    public var serviceChecks: [ConsulHealthCheck] { checks.filter { !$0.serviceID.isEmpty } }

    /// The address to reach the service: its own, else its node's (Consul's rule).
    public var effectiveAddress: String { service.address.isEmpty ? nodeAddress : service.address }

    init(json: JSONValue) throws(ConsulJSONReader.Mismatch) {
        let reader = try ConsulJSONReader(json)
        guard let node = reader.value("Node"), let service = reader.value("Service") else {
            throw ConsulJSONReader.Mismatch(description: "an entry lacks Node or Service")
        }
        let nodeReader = try ConsulJSONReader(node)
        nodeName = try nodeReader.string("Node")
        nodeAddress = try nodeReader.string("Address")
        self.service = try ConsulAgentService(json: service)
        checks = try reader.array("Checks").map { (check) throws(ConsulJSONReader.Mismatch) in
            try ConsulHealthCheck(json: check)
        }
    }
}

/// `PUT /v1/txn` (contract §9): Consul's checks in Consul's order — body size, decoding, op count,
/// KV value sizes, then the token — and the read-only fast path, which takes the consistency
/// options and sets the leader headers but never blocks.
extension DevConsulRoutes {
    static let txnSizeDocumentation = "https://developer.hashicorp.com/docs/agent/config/config-files#txn_max_req_len"

    static func transaction(
        _ request: HTTPServerRequest, agent: DevConsulAgent, acl: DevConsulACL, datacenter: String
    ) async throws(DevConsulError) -> HTTPServerResponse {
        let maximum = DevConsulKVStore.maximumValueSize
        guard request.body.count <= maximum else {
            throw DevConsulError(
                status: 413,
                message:
                    "Request body(\(request.body.count) bytes) too large, max size: \(maximum) bytes. See \(txnSizeDocumentation)."
            )
        }
        let operations: [DevConsulTxnOperation]
        do {
            operations = try DevConsulTxnOperation.decode(request.body)
        } catch {
            throw .badRequest("Failed to parse body: \(error.message)")
        }
        guard operations.count <= DevConsulTxnOperation.maximumCount else {
            throw DevConsulError(
                status: 413,
                message:
                    "Transaction contains too many operations (\(operations.count) > \(DevConsulTxnOperation.maximumCount))"
            )
        }
        for case .kv(let op) in operations where op.value.count > maximum {
            throw DevConsulError(
                status: 413,
                message: "Value for key \(GoText.quote(op.key)) is too large (\(op.value.count) > \(maximum) bytes)")
        }
        let identity = try acl.identity(for: DevConsulACL.token(of: request))
        let outcome: DevConsulTxn.Outcome
        var headers: [(name: String, value: String)] = []
        if operations.allSatisfy(\.isRead) {
            let options = try DevConsulQueryOptions(request.query, datacenter: datacenter)
            var snapshot = await agent.snapshot
            outcome = DevConsulTxn.run(operations, on: &snapshot, acl: acl, identity: identity)
            headers = [
                ("X-Consul-Effective-Consistency", options.consistency.rawValue), ("X-Consul-Knownleader", "true"),
                ("X-Consul-Lastcontact", "0"),
            ]
        } else {
            outcome = await agent.transact(operations, acl: acl, identity: identity)
        }
        var response = HTTPServerResponse.json(outcome.json.prettyBytes, status: outcome.errors.isEmpty ? 200 : 409)
        response.headers += headers
        return response
    }
}

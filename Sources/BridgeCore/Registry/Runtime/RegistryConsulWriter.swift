import Logging

/// Consul's side of a batch: registrations, deregistrations and TTL passes, `concurrency` requests at
/// a time over the client's kept-alive connections (Consul has no batch endpoint for these). Each
/// operation ends `done`, `rejected` (Consul refused it: retrying would not help), `unreachable` (to
/// be retried) or, for a TTL pass, `unknownCheck`: the agent lost the service, and the pipeline
/// registers the node again if it still should be there (an agent that lost its state is repaired by
/// the next heartbeat).
struct RegistryConsulWriter: Sendable {
    enum Operation: Sendable {
        case register(ServiceRegistration)
        case deregister(serviceID: String)
        case passTTL(ServiceRegistration)

        var name: String {
            switch self {
            case .register: "register"
            case .deregister: "deregister"
            case .passTTL: "ttl_pass"
            }
        }
    }

    enum Outcome: Sendable, Equatable {
        case done
        case rejected(String)
        case unreachable(String)
        /// A TTL pass for a check the agent does not know (404).
        case unknownCheck

        var isUnreachable: Bool {
            if case .unreachable = self { return true }
            return false
        }
    }

    let client: ConsulClient
    let concurrency: Int
    let metrics: RegistryMetrics
    let logger: Logger

    /// The outcomes in the order of `operations`.
    func perform(_ operations: [Operation]) async -> [Outcome] {
        guard !operations.isEmpty else { return [] }
        var outcomes = [Outcome](repeating: .done, count: operations.count)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func start() {
                let index = next
                let operation = operations[index]
                group.addTask { (index, await perform(operation)) }
                next += 1
            }
            while next < min(max(1, concurrency), operations.count) { start() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if next < operations.count { start() }
            }
        }
        return outcomes
    }

    func perform(_ operation: Operation) async -> Outcome {
        var outcome = Outcome.done
        do throws(ConsulError) {
            switch operation {
            case .register(let registration):
                try await client.register(ConsulServiceDefinition(registration))
            case .deregister(let serviceID):
                do throws(ConsulError) {
                    try await client.deregister(serviceID: serviceID)
                } catch  where error.status == 404 {
                    // Already gone: what we wanted.
                }
            case .passTTL(let registration):
                do throws(ConsulError) {
                    try await client.updateTTL(checkID: registration.checkID, status: .passing)
                } catch  where error.status == 404 {
                    // The agent lost the service. Registering it is the pipeline's call: the pass may
                    // have been sent after the node was removed.
                    logger.info(
                        "consul does not know a registered node's check", metadata: ["node.id": "\(registration.id)"])
                    outcome = .unknownCheck
                }
            }
        } catch {
            outcome = Self.classify(error)
            if case .rejected(let reason) = outcome {
                logger.error(
                    "consul refused a request",
                    metadata: ["consul.operation": "\(operation.name)", "error": "\(reason)"])
            }
        }
        metrics.consulRequest(operation.name, Self.resultLabel(outcome))
        return outcome
    }

    /// 4xx: Consul refused the request itself. Anything else (no answer, 5xx, no leader) may pass
    /// on a later try.
    static func classify(_ error: ConsulError) -> Outcome {
        switch error.kind {
        case .rejected(let status) where (400..<500).contains(status): .rejected(error.description)
        default: .unreachable(error.description)
        }
    }

    static func resultLabel(_ outcome: Outcome) -> String {
        switch outcome {
        case .done: "ok"
        case .rejected: "rejected"
        case .unreachable: "unreachable"
        case .unknownCheck: "unknown_check"
        }
    }
}

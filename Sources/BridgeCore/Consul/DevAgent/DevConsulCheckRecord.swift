/// A check the dev agent holds, with the TTL and reaping state Consul keeps beside it. Checks
/// registered with a service are agent-local; the node's `serfHealth` exists only in the catalog.
struct DevConsulCheckRecord: Sendable, Equatable {
    var id: String
    var name: String
    var status: String
    var notes: String = ""
    var output: String = ""
    var serviceID: String = ""
    var serviceName: String = ""
    var serviceTags: [String] = []
    var type: String = ""
    var interval: GoDuration = .zero
    var timeout: GoDuration = .zero
    /// What the registration declared (nil for the catalog-only `serfHealth`).
    var definition: DevConsulCheckDefinition?
    var isAgentLocal: Bool
    var createIndex: UInt64 = 0
    var modifyIndex: UInt64 = 0

    /// TTL checks: when the timer runs out (nil once it has, until the next update).
    var ttlDeadline: ContinuousClock.Instant?
    /// TTL checks: the output of the last update, quoted when the TTL expires.
    var lastOutput: String = ""
    /// Set when a critical result is reported (a TTL expiry, a `fail`, a failed HTTP check);
    /// cleared by any other status. Being critical at registration does not set it.
    var criticalSince: ContinuousClock.Instant?
    /// `DeregisterCriticalServiceAfter`, raised to the agent's minimum; nil when not set.
    var deregisterAfter: GoDuration?

    var isTTL: Bool { type == "ttl" }

    /// What the catalog shows: equal here means a write would change nothing.
    func hasSameCatalogContent(as other: DevConsulCheckRecord) -> Bool {
        name == other.name && status == other.status && notes == other.notes && output == other.output
            && serviceID == other.serviceID && serviceName == other.serviceName && serviceTags == other.serviceTags
            && type == other.type && interval == other.interval && timeout == other.timeout
    }
}

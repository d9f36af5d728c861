/// The records the dev agent keeps: one node, its services and checks. Services and checks
/// registered through `/v1/agent/*` are agent-local; the node's own `consul` service and
/// `serfHealth` check exist only in the catalog (as on a dev server).
struct DevConsulNode: Sendable, Equatable {
    var name: String
    var id: String
    var address: String
    var datacenter: String
    var meta: [String: String]
    var createIndex: UInt64
    var modifyIndex: UInt64
}

struct DevConsulServiceRecord: Sendable, Equatable {
    var id: String
    var name: String
    var tags: [String]
    var address: String
    var taggedAddresses: [String: DevConsulServiceAddress]
    var meta: [String: String]
    var port: Int
    var socketPath: String
    var weights: DevConsulWeights
    var enableTagOverride: Bool
    var isAgentLocal: Bool
    var createIndex: UInt64 = 0
    var modifyIndex: UInt64 = 0

    /// Equal apart from the indexes: re-registering it changes nothing.
    func hasSameContent(as other: DevConsulServiceRecord) -> Bool {
        var copy = other
        copy.createIndex = createIndex
        copy.modifyIndex = modifyIndex
        return copy == self
    }
}

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

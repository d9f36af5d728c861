/// What Consul must be told so that it holds exactly the registry's live nodes of its environment
/// (DESIGN.md §4.4, drift repair): registrations missing or different on the agent, and services
/// carrying our ownership tag and environment that the registry does not know. Pure: the caller
/// reads the agent and applies the result.
public struct ConsulDrift: Sendable, Hashable {
    public var register: [ServiceRegistration] = []
    /// Service IDs to remove.
    public var deregister: [String] = []
    /// Desired registrations the agent already holds as asked.
    public var inPlace: [String] = []

    public init() {}

    public var isEmpty: Bool { register.isEmpty && deregister.isEmpty }

    /// `checkIDs` are the IDs of the checks the agent holds: a service whose check was lost is
    /// registered again.
    public static func compare(
        desired: [String: ServiceRegistration], services: [String: ConsulAgentService], checkIDs: Set<String>,
        environment: String
    ) -> ConsulDrift {
        var drift = ConsulDrift()
        for id in desired.keys.sorted() {
            guard let wanted = desired[id] else { continue }
            if let held = services[id], matches(wanted, held), checkIDs.contains(wanted.checkID) {
                drift.inPlace.append(id)
            } else {
                drift.register.append(wanted)
            }
        }
        for (id, service) in services where desired[id] == nil {
            if service.tags.contains(RegistryOptions.ownershipTag), service.meta["environment"] == environment {
                drift.deregister.append(id)
            }
        }
        drift.deregister.sort()
        return drift
    }

    static func matches(_ wanted: ServiceRegistration, _ held: ConsulAgentService) -> Bool {
        wanted.name == held.name && Set(wanted.tags) == Set(held.tags) && wanted.meta == held.meta
            && wanted.address == held.address && wanted.port == held.port
    }
}

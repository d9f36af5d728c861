/// `node_registrations.consul_state`: what the reconciler still owes Consul for a node.
public enum ConsulState: String, Sendable, Hashable, CaseIterable, Codable {
    case registered
    case pendingRegister = "pending_register"
    case pendingDeregister = "pending_deregister"
    case deregistered
}

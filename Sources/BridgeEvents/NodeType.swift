/// The ONEX node kinds a node announces (`payload.node_type`).
public enum NodeType: String, Sendable, Hashable, CaseIterable, Codable {
    case effect, compute, reducer, orchestrator

    public static let acceptedList = "expected effect, compute, reducer or orchestrator"
}

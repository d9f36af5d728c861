import BridgeEvents

/// Decides whether and when a node answers a REGISTRY_REQUEST_INTROSPECTION: only requests that target
/// its type, each correlation id once, at a uniformly random moment inside the request's
/// `response_timeout_ms` so that a fleet does not answer in one thundering herd.
public struct IntrospectionResponder: Sendable {
    public let nodeType: NodeType
    private var answered: Set<String> = []
    private var answeredOrder: [String] = []
    /// How many answered request keys to remember (old ones are forgotten first).
    public let memory: Int

    public init(nodeType: NodeType, memory: Int = 1024) {
        self.nodeType = nodeType
        self.memory = memory
    }

    public enum Decision: Sendable, Hashable {
        /// Answer after this many milliseconds, copying the correlation id.
        case answer(afterMilliseconds: Int64, correlationID: EventUUID?)
        case ignore(reason: String)
    }

    /// `eventID` identifies requests that carry no correlation id.
    public mutating func decide(
        _ request: RegistryIntrospectionRequest, eventID: EventUUID,
        using generator: inout some RandomNumberGenerator
    ) -> Decision {
        guard request.targets(nodeType) else {
            return .ignore(reason: "targets \(request.targetNodeTypes?.map(\.rawValue).joined(separator: ",") ?? "")")
        }
        let key = request.correlationID?.description ?? eventID.description
        guard !answered.contains(key) else { return .ignore(reason: "already answered \(key)") }
        answered.insert(key)
        answeredOrder.append(key)
        if answeredOrder.count > memory {
            answered.remove(answeredOrder.removeFirst())
        }
        let window = max(request.responseTimeoutMilliseconds, 1)
        // Leave a tenth of the window (at most 500 ms) for the publish itself to land inside it.
        let margin = min(window / 10, 500)
        let delay = Int64.random(in: 0...(window - margin), using: &generator)
        return .answer(afterMilliseconds: delay, correlationID: request.correlationID)
    }
}

/// One broken rule of the wire contract, in the contract's one-line form
/// `<path>: <what is wrong>; <what is accepted>` (e.g. `payload.node_type: "router" is not a node type;
/// expected effect, compute, reducer or orchestrator`). It is what goes into a DLQ message's
/// `bridge.error` header and what `introspect` prints before exiting 65.
public struct ContractViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public let accepted: String

    public init(path: String, problem: String, accepted: String) {
        self.path = path
        self.problem = problem
        self.accepted = accepted
    }

    public var description: String { "\(path): \(problem); \(accepted)" }

    /// A value quoted for a message, shortened so a 2 MB field cannot flood a log line or header.
    static func quote(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case .string(let s): text = JSONWriter.string(.string(s))
        default: text = JSONWriter.string(value)
        }
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}

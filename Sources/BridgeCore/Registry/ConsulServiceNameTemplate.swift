import BridgeEvents

/// `--consul-service-name`: the Consul service Name built from a node's fields. `{node_type}` (the
/// default, Consul's convention of one logical service with many instances), `{node_id}` (the seed's
/// style, where `/v1/health/service/orchestrator-test-1` answers), `{environment}` and `{node_role}`.
public struct ConsulServiceNameTemplate: Sendable, Hashable, CustomStringConvertible {
    public static let placeholders = ["node_id", "node_type", "environment", "node_role"]
    public static let standard = try! ConsulServiceNameTemplate("{node_type}")

    private enum Piece: Sendable, Hashable {
        case literal(String)
        case field(String)
    }

    private let pieces: [Piece]
    public let text: String

    public var description: String { text }

    public init(_ text: String) throws(BridgeError) {
        let accepted =
            "accepted: text of A-Z a-z 0-9 - with placeholders \(Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))"
        var pieces: [Piece] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if let open = rest.firstIndex(of: "{") {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                guard let close = rest[open...].firstIndex(of: "}") else {
                    throw .usage("Consul service name template '\(text)' has an unclosed '{'; \(accepted).")
                }
                let name = String(rest[rest.index(after: open)..<close])
                guard Self.placeholders.contains(name) else {
                    throw .usage(
                        "Consul service name template '\(text)' has unknown placeholder {\(name)}; \(accepted).")
                }
                pieces.append(.field(name))
                rest = rest[rest.index(after: close)...]
            } else {
                pieces.append(.literal(String(rest)))
                rest = rest[rest.endIndex...]
            }
        }
        for case .literal(let literal) in pieces
        where !literal.utf8.allSatisfy({ ContractRules.isServiceNameByte($0) }) {
            throw .usage(
                "Consul service name template '\(text)' has characters Consul names should not use; \(accepted).")
        }
        guard !pieces.isEmpty else { throw .usage("Consul service name template is empty; \(accepted).") }
        self.pieces = pieces
        self.text = text
    }

    /// The name for one node. Characters a DNS-style Consul name cannot carry (`.`, `_`, `:` of node
    /// ids) become `-`.
    public func render(nodeID: String, nodeType: NodeType, environment: String, nodeRole: String?) -> String {
        var name = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): name += literal
            case .field("node_id"): name += nodeID
            case .field("node_type"): name += nodeType.rawValue
            case .field("environment"): name += environment
            case .field("node_role"): name += nodeRole ?? "none"
            case .field: break
            }
        }
        return String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    scalar.isASCII && ContractRules.isServiceNameByte(UInt8(scalar.value)) ? scalar : "-"
                }))
    }
}

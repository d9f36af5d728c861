/// Why a filter expression was refused, positioned as go-bexpr positions it (line 1, 1-based
/// column, 0-based byte offset). Consul answers it with 500 and
/// `Failed to create boolean expression evaluator: <message>`.
struct ConsulFilterError: Error, Sendable, Equatable, CustomStringConvertible {
    let offset: Int
    let reason: String

    var description: String { "1:\(offset + 1) (\(offset)): \(reason)" }

    /// The body Consul sends.
    var consulMessage: String { "Failed to create boolean expression evaluator: \(description)" }
}

/// Why a Consul call failed: Consul answered with an error (its plain-text body is kept), Consul
/// could not be reached, or it answered something this client cannot read.
public struct ConsulError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Consul answered with this non-2xx status.
        case rejected(status: Int)
        /// No answer: connection refused, timeout, reset.
        case unreachable
        /// A 2xx answer that is not what the API promises.
        case unexpectedResponse
        /// The calling task was cancelled.
        case cancelled
    }

    public let kind: Kind
    /// What was being done, e.g. `register service "web-1"`.
    public let operation: String
    /// Consul's error body, or the transport's reason.
    public let detail: String
    /// The agent's base URL.
    public let address: String

    public init(kind: Kind, operation: String, detail: String, address: String) {
        self.kind = kind
        self.operation = operation
        self.detail = detail
        self.address = address
    }

    /// The HTTP status when Consul answered with an error.
    public var status: Int? {
        if case .rejected(let status) = kind { return status }
        return nil
    }

    /// The body with newlines folded, so the message stays one line.
    private var oneLineDetail: String {
        let folded = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
        return folded.isEmpty ? "(empty body)" : folded
    }

    public var description: String { bridgeError.message }

    /// The operator-facing error and exit status (DESIGN.md §3): Consul refusing the input is
    /// invalid data (65), Consul unreachable or without a leader is a dependency problem (69).
    public var bridgeError: BridgeError {
        switch kind {
        case .rejected(let status) where status == 403:
            return .failure(
                "Consul at \(address) denied \(operation): \(oneLineDetail) (HTTP 403); check the token (--consul-token or CONSUL_HTTP_TOKEN)."
            )
        case .rejected(let status) where (400..<500).contains(status):
            return .invalidData("Consul at \(address) refused to \(operation): \(oneLineDetail) (HTTP \(status)).")
        case .rejected(let status)
        where status == 502 || status == 503 || status == 504 || detail.contains("No cluster leader"):
            return .unavailable("Consul at \(address) could not \(operation): \(oneLineDetail) (HTTP \(status)).")
        case .rejected(let status):
            return .failure("Consul at \(address) failed to \(operation): \(oneLineDetail) (HTTP \(status)).")
        case .unreachable:
            return .unavailable(
                "cannot reach Consul at \(address) to \(operation): \(oneLineDetail); start it (for development: bridgectl dev consul) or set --consul / CONSUL_HTTP_ADDR."
            )
        case .unexpectedResponse:
            return .failure("Consul at \(address) gave an unreadable answer to \(operation): \(oneLineDetail).")
        case .cancelled:
            return .failure("the Consul request to \(operation) was cancelled.")
        }
    }
}

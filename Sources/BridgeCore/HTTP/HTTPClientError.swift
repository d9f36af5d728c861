/// Why an HTTP exchange did not produce a response. A response with any status code is not an
/// error at this level: callers decide what a 404 or a 500 means.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection: refused, unresolvable host, connect timeout.
    case connectionFailed(url: String, reason: String)
    /// Connected, but the exchange did not finish within its timeout.
    case timedOut(url: String, reason: String)
    /// Any other transport failure (connection reset, malformed response, …).
    case transport(url: String, reason: String)
    /// The calling task was cancelled.
    case cancelled
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .connectionFailed(let url, let reason): "cannot connect to \(url): \(reason)"
        case .timedOut(let url, let reason): "no answer from \(url) in time: \(reason)"
        case .transport(let url, let reason): "request to \(url) failed: \(reason)"
        case .cancelled: "the request was cancelled"
        case .shutDown: "the HTTP client was shut down"
        }
    }
}

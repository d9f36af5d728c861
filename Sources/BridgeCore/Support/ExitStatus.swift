/// The exit-code table of DESIGN.md §3: the one place these numbers are written down. The README and
/// the man page list the same table (a test compares them).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// The operation failed (includes an unhealthy `node health`).
    case failure = 1
    /// Usage error: a bad flag or value (swift-argument-parser's own code).
    case usage = 64
    /// Invalid input data: an event or manifest that breaks the contract.
    case invalidData = 65
    /// A dependency (Kafka, Consul, PostgreSQL) could not be reached.
    case unavailable = 69
    /// Partial: done in one store, pending in the other.
    case partial = 75
    /// Interrupted (SIGINT).
    case interrupted = 130

    public var meaning: String {
        switch self {
        case .success: "success"
        case .failure: "the operation failed (includes an unhealthy `node health`)"
        case .usage: "usage error (bad flag or value)"
        case .invalidData: "invalid input data (an event or manifest that breaks the contract)"
        case .unavailable: "a dependency (Kafka, Consul, PostgreSQL) could not be reached"
        case .partial: "partial: done in one store, pending in the other"
        case .interrupted: "interrupted (SIGINT)"
        }
    }
}

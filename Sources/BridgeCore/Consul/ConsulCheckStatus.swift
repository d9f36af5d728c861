/// A Consul health status. Unknown strings from a newer Consul are kept as `.other`.
public enum ConsulCheckStatus: Sendable, Hashable, CustomStringConvertible {
    case passing, warning, critical, maintenance
    case other(String)

    public init(_ text: String) {
        switch text {
        case "passing": self = .passing
        case "warning": self = .warning
        case "critical": self = .critical
        case "maintenance": self = .maintenance
        default: self = .other(text)
        }
    }

    public var description: String {
        switch self {
        case .passing: "passing"
        case .warning: "warning"
        case .critical: "critical"
        case .maintenance: "maintenance"
        case .other(let text): text
        }
    }

    /// Worse statuses rank higher: passing < warning < critical < maintenance (unknown counts as critical).
    var severity: Int {
        switch self {
        case .passing: 0
        case .warning: 1
        case .critical, .other: 2
        case .maintenance: 3
        }
    }

    /// The status of a set of checks as Consul aggregates it: the worst one, passing when empty.
    public static func aggregate(_ statuses: some Sequence<ConsulCheckStatus>) -> ConsulCheckStatus {
        statuses.max { $0.severity < $1.severity } ?? .passing
    }
}

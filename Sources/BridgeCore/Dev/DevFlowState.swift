/// What `dev up` prints of the flow: compares successive snapshots of Consul's checks and PostgreSQL's
/// rows and says, one line per change, when a node appears in each store and when its state there
/// changes. Pure: the command feeds it snapshots.
public struct DevFlowState: Sendable {
    /// One live row as PostgreSQL holds it.
    public struct Row: Sendable, Equatable {
        public var nodeType: String
        public var healthStatus: String

        public init(nodeType: String, healthStatus: String) {
            self.nodeType = nodeType
            self.healthStatus = healthStatus
        }
    }

    private var consul: [String: String] = [:]
    private var postgres: [String: Row] = [:]

    public init() {}

    /// `checks`: service id → worst check status; `rows`: node id → live row. Returns the lines to print.
    public mutating func update(checks: [String: String], rows: [String: Row]) -> [String] {
        var lines: [String] = []
        for id in Set(checks.keys).union(rows.keys).union(consul.keys).union(postgres.keys).sorted() {
            let (wasConsul, isConsul) = (consul[id], checks[id])
            let (wasRow, isRow) = (postgres[id], rows[id])
            let name = isRow.map { "\(id) (\($0.nodeType))" } ?? id
            switch (wasConsul, isConsul) {
            case (nil, let now?): lines.append("consul      \(name): registered, check \(now)")
            case (let was?, let now?) where was != now: lines.append("consul      \(name): check \(was) → \(now)")
            case (_?, nil): lines.append("consul      \(id): service removed")
            default: break
            }
            switch (wasRow, isRow) {
            case (nil, let now?): lines.append("postgresql  \(name): row written, \(now.healthStatus)")
            case (let was?, let now?) where was.healthStatus != now.healthStatus:
                lines.append("postgresql  \(name): \(was.healthStatus) → \(now.healthStatus)")
            case (_?, nil): lines.append("postgresql  \(id): deregistered")
            default: break
            }
        }
        consul = checks
        postgres = rows
        return lines
    }
}

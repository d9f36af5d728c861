import BridgeEvents

/// What `GET /health` reports: each dependency's state, the consumer's assignment, lag and last
/// commit, and the nodes known. A registry is `unhealthy` (503) while Kafka or PostgreSQL is down
/// (nothing can be committed) or it is still starting; `degraded` (200) while Consul is down
/// (registrations are recorded as pending and completed later) or it is in self-preservation; else
/// `healthy` (200).
public struct RegistryHealth: Sendable {
    public enum Phase: String, Sendable {
        case starting, running, stopping
    }

    public struct DependencyState: Sendable {
        /// nil until first used.
        public var up: Bool?
        public var lastError: String?
        public var changedAt: EventTimestamp?
    }

    public var registryID: String
    public var environment: String
    public var groupID: String
    public var phase: Phase = .starting
    public var dependencies: [RegistryDependency: DependencyState] = [:]
    public var assignment: [TopicPartition] = []
    public var lagByPartition: [TopicPartition: Int64] = [:]
    public var lastCommitAt: EventTimestamp?
    /// Set while processed offsets cannot be committed because their effects are not durable.
    public var commitsHeldSince: EventTimestamp?
    public var knownNodes = 0
    public var liveNodes = 0
    /// Live nodes whose partitions this registry holds (the ones it judges); all of them when alone.
    public var ownedNodes = 0
    public var startupCorrelationID: EventUUID?
    public var startupReason: String?
    public var startupExpected = 0
    public var startupAnswers = 0
    /// Known nodes that did not answer by the end of the re-announce window.
    public var notAnswering: [String]?
    public var pendingConsul = 0
    public var heldPostgresNodes = 0
    /// Why the registry is blind (self-preservation), nil when it is not.
    public var selfPreservation: String?
    public var selfPreservationSince: EventTimestamp?

    public init(registryID: String, environment: String, groupID: String) {
        self.registryID = registryID
        self.environment = environment
        self.groupID = groupID
    }

    public mutating func mark(_ dependency: RegistryDependency, up: Bool, error: String? = nil) {
        var state = dependencies[dependency] ?? DependencyState()
        if state.up != up { state.changedAt = .now() }
        state.up = up
        state.lastError = up ? nil : error
        dependencies[dependency] = state
    }

    public func isUp(_ dependency: RegistryDependency) -> Bool { dependencies[dependency]?.up == true }

    public var status: HealthStatus {
        if phase == .starting || dependencies[.kafka]?.up == false || dependencies[.postgres]?.up == false {
            return .unhealthy
        }
        if dependencies[.consul]?.up == false || commitsHeldSince != nil || selfPreservation != nil {
            return .degraded
        }
        return .healthy
    }

    public var httpStatus: Int { status == .unhealthy ? 503 : 200 }

    public var lag: Int64 { lagByPartition.values.reduce(0, +) }

    public func json() -> JSONValue {
        var dependencies: [String: JSONValue] = [:]
        for dependency in RegistryDependency.allCases {
            let state = self.dependencies[dependency] ?? DependencyState()
            let name: String =
                switch state.up {
                case true?: "up"
                case false?: "down"
                case nil: "unknown"
                }
            dependencies[dependency.rawValue] = [
                "state": .string(name),
                "error": state.lastError.map(JSONValue.string) ?? .null,
                "since": state.changedAt.map { .string($0.formatted) } ?? .null,
            ]
        }
        var lagByPartition: [String: JSONValue] = [:]
        for (partition, lag) in self.lagByPartition { lagByPartition[partition.description] = .int(lag) }
        return [
            "status": .string(status.rawValue),
            "registry_id": .string(registryID),
            "environment": .string(environment),
            "phase": .string(phase.rawValue),
            "dependencies": .object(dependencies),
            "consumer": [
                "group": .string(groupID),
                "assigned_partitions": .array(assignment.sorted().map { .string($0.description) }),
                "lag": .int(lag),
                "lag_by_partition": .object(lagByPartition),
                "last_commit": lastCommitAt.map { .string($0.formatted) } ?? .null,
                "commits_held_since": commitsHeldSince.map { .string($0.formatted) } ?? .null,
            ],
            "nodes": [
                "known": .int(Int64(knownNodes)), "live": .int(Int64(liveNodes)),
                "owned": .int(Int64(ownedNodes)),
                "consul_pending": .int(Int64(pendingConsul)), "postgres_held": .int(Int64(heldPostgresNodes)),
            ],
            "self_preservation": [
                "active": .bool(selfPreservation != nil),
                "reason": selfPreservation.map(JSONValue.string) ?? .null,
                "since": selfPreservationSince.map { .string($0.formatted) } ?? .null,
            ],
            "startup_request": [
                "correlation_id": startupCorrelationID.map { .string($0.description) } ?? .null,
                "reason": startupReason.map(JSONValue.string) ?? .null,
                "expected": .int(Int64(startupExpected)),
                "answers": .int(Int64(startupAnswers)),
                "not_answering": notAnswering.map { .array($0.map(JSONValue.string)) } ?? .null,
            ],
        ]
    }
}

import BridgeEvents

/// The registry's PostgreSQL side (contracts/postgres.md): batched writes under the generation guard
/// and the queries that read nodes back. Each write method is one round trip per `batchSize` rows.
public struct NodeRegistrationStore: Sendable {
    public let connection: PostgresConnection
    public let batchSize: Int

    public init(connection: PostgresConnection, batchSize: Int = 1000) {
        self.connection = connection
        self.batchSize = batchSize
    }

    /// Upserts registrations; returns the node ids whose rows changed (older, replayed or identical
    /// events change nothing). Several writes of one node are coalesced to the newest first.
    @discardableResult
    public func upsert(_ writes: [IntrospectionWrite]) async throws(BridgeError) -> Set<String> {
        let rows = Self.newestPerNode(
            writes, id: \.event.payload.nodeID, epoch: \.event.payload.epoch, timestamp: \.event.eventTimestamp)
        var applied: Set<String> = []
        for chunk in rows.chunked(batchSize) {
            var parameters: [String?] = []
            parameters.reserveCapacity(chunk.count * NodeRegistrationSQL.upsertColumnsPerRow)
            for write in chunk {
                let node = write.event.payload
                let endpoints: JSONValue = .object(node.endpoints.mapValues { .string($0.text) })
                parameters.append(node.nodeID)
                parameters.append(node.nodeType.rawValue)
                parameters.append(node.nodeRole)
                parameters.append(node.nodeVersion)
                parameters.append(JSONWriter.string(.object(node.capabilities)))
                parameters.append(JSONWriter.string(endpoints))
                parameters.append(JSONWriter.string(.object(node.metadata)))
                parameters.append(node.endpoints["health"]?.text)
                parameters.append(write.event.eventTimestamp.formatted)
                parameters.append(node.epoch.map { String($0) })
                parameters.append(write.event.eventID.description)
                parameters.append(write.consulServiceID)
                parameters.append(write.consulState.rawValue)
                parameters.append(write.event.environment)
            }
            let result = try await connection.execute(NodeRegistrationSQL.upsert(rows: chunk.count), parameters)
            applied.formUnion(result.rows.compactMap { $0.first ?? nil })
        }
        return applied
    }

    /// Moves last_heartbeat, uptime, active operations and health status; returns the node ids updated.
    @discardableResult
    public func applyHeartbeats(_ beats: [AppliedEvent<NodeHeartbeat>]) async throws(BridgeError) -> Set<String> {
        let rows = Self.newestPerNode(beats, id: \.payload.nodeID, epoch: \.payload.epoch, timestamp: \.eventTimestamp)
        var applied: Set<String> = []
        for chunk in rows.chunked(batchSize) {
            var parameters: [String?] = []
            for beat in chunk {
                parameters.append(beat.payload.nodeID)
                parameters.append(beat.eventTimestamp.formatted)
                parameters.append(String(beat.payload.uptimeSeconds))
                parameters.append(String(beat.payload.activeOperations))
                parameters.append(beat.payload.healthStatus.rawValue)
                parameters.append(beat.payload.epoch.map { String($0) })
                parameters.append(beat.environment)
            }
            let result = try await connection.execute(NodeRegistrationSQL.heartbeats(rows: chunk.count), parameters)
            applied.formUnion(result.rows.compactMap { $0.first ?? nil })
        }
        return applied
    }

    /// Soft-deletes shut-down nodes; returns the node ids changed.
    @discardableResult
    public func softDelete(_ writes: [ShutdownWrite]) async throws(BridgeError) -> Set<String> {
        let rows = Self.newestPerNode(
            writes, id: \.event.payload.nodeID, epoch: \.event.payload.epoch, timestamp: \.event.eventTimestamp)
        var applied: Set<String> = []
        for chunk in rows.chunked(batchSize) {
            var parameters: [String?] = []
            for write in chunk {
                parameters.append(write.event.payload.nodeID)
                parameters.append(write.event.eventTimestamp.formatted)
                parameters.append(write.event.eventID.description)
                parameters.append(write.event.payload.epoch.map { String($0) })
                parameters.append(write.consulState.rawValue)
                parameters.append(write.event.environment)
            }
            let result = try await connection.execute(NodeRegistrationSQL.shutdowns(rows: chunk.count), parameters)
            applied.formUnion(result.rows.compactMap { $0.first ?? nil })
        }
        return applied
    }

    /// Records what Consul now holds for these nodes (only rows whose state differs are written).
    @discardableResult
    public func setConsulState(_ state: ConsulState, nodeIDs: [String]) async throws(BridgeError) -> Int {
        guard !nodeIDs.isEmpty else { return 0 }
        return try await connection.execute(
            """
            UPDATE node_registrations SET consul_state = $2::text, updated_at = now()
            WHERE node_id = ANY($1::text[]) AND consul_state IS DISTINCT FROM $2::text
            """, [PostgresArrayLiteral.encode(nodeIDs), state.rawValue]
        ).affectedRows
    }

    /// Marks live nodes `stale` (no heartbeat for too long); returns how many rows changed.
    @discardableResult
    public func markStale(nodeIDs: [String]) async throws(BridgeError) -> Int {
        guard !nodeIDs.isEmpty else { return 0 }
        return try await connection.execute(
            """
            UPDATE node_registrations SET health_status = 'stale', updated_at = now()
            WHERE node_id = ANY($1::text[]) AND deregistered_at IS NULL AND health_status <> 'stale'
            """, [PostgresArrayLiteral.encode(nodeIDs)]
        ).affectedRows
    }

    /// Soft-deletes nodes the registry evicted for silence (no event: `last_event_*` stay as they
    /// are, so a replay of the node's own events is still judged against them).
    @discardableResult
    public func evict(
        nodeIDs: [String], at time: EventTimestamp, consulState: ConsulState
    ) async throws(BridgeError)
        -> Int
    {
        guard !nodeIDs.isEmpty else { return 0 }
        return try await connection.execute(
            """
            UPDATE node_registrations
            SET deregistered_at = $2::timestamptz, health_status = 'deregistered', consul_state = $3::text,
                updated_at = now()
            WHERE node_id = ANY($1::text[]) AND deregistered_at IS NULL
            """, [PostgresArrayLiteral.encode(nodeIDs), time.formatted, consulState.rawValue]
        ).affectedRows
    }

    /// Writes everything a backlog holds, in an order that keeps the newest-wins rule: announcements,
    /// then heartbeats, shutdowns, Consul states, stale marks and evictions.
    public func apply(_ backlog: PostgresBacklog) async throws(BridgeError) {
        if !backlog.introspections.isEmpty { try await upsert(Array(backlog.introspections.values)) }
        if !backlog.heartbeats.isEmpty { try await applyHeartbeats(Array(backlog.heartbeats.values)) }
        if !backlog.shutdowns.isEmpty { try await softDelete(Array(backlog.shutdowns.values)) }
        for state in ConsulState.allCases {
            let ids = backlog.consulStates.filter { $0.value == state }.map(\.key)
            if !ids.isEmpty { try await setConsulState(state, nodeIDs: ids.sorted()) }
        }
        if !backlog.stale.isEmpty { try await markStale(nodeIDs: backlog.stale.sorted()) }
        var evictionTimes: [EventTimestamp: [String]] = [:]
        for (id, time) in backlog.evictions { evictionTimes[time, default: []].append(id) }
        for (time, ids) in evictionTimes {
            let owed = ids.filter { backlog.consulStates[$0] == .pendingDeregister }
            let done = ids.filter { backlog.consulStates[$0] != .pendingDeregister }
            if !owed.isEmpty { try await evict(nodeIDs: owed.sorted(), at: time, consulState: .pendingDeregister) }
            if !done.isEmpty { try await evict(nodeIDs: done.sorted(), at: time, consulState: .deregistered) }
        }
    }

    /// Rows matching `filter`, by node id.
    public func list(_ filter: NodeRegistrationFilter = .init()) async throws(BridgeError) -> [NodeRegistrationRecord] {
        let (clause, parameters) = filter.whereClause()
        let result = try await connection.execute(
            "SELECT \(NodeRegistrationSQL.selectColumns) FROM node_registrations \(clause) ORDER BY node_id", parameters
        )
        return result.records.map(NodeRegistrationRecord.init)
    }

    public func node(_ id: String) async throws(BridgeError) -> NodeRegistrationRecord? {
        try await list(NodeRegistrationFilter(nodeID: id)).first
    }

    /// The newest of each node's items (by epoch, then timestamp), in first-seen order: ON CONFLICT
    /// cannot touch one row twice in a statement.
    static func newestPerNode<T>(
        _ items: [T], id: (T) -> String, epoch: (T) -> Int64?, timestamp: (T) -> EventTimestamp
    ) -> [T] {
        var newest: [String: T] = [:]
        var sequence: [String] = []
        for item in items {
            let key = id(item)
            if let existing = newest[key] {
                let (new, old) = (epoch(item) ?? 0, epoch(existing) ?? 0)
                if new > old || (new == old && timestamp(item) >= timestamp(existing)) { newest[key] = item }
            } else {
                newest[key] = item
                sequence.append(key)
            }
        }
        return sequence.compactMap { newest[$0] }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(size, 1)).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

import BridgeEvents

/// Turns a batch of consumed events into a `RegistryPlan` (DESIGN.md §4.1–4.3, 4.5, 4.10): newest
/// wins per node, unchanged announcements cost nothing, heartbeats pass a TTL check at most once per
/// TTL/3, shutdowns deregister, other environments are skipped. Pure: no I/O, no clock of its own.
public struct RegistryPlanner: Sendable {
    public let options: RegistryOptions

    public init(options: RegistryOptions) {
        self.options = options
    }

    /// `states` is what the registry knows now; `now` is monotonic seconds.
    public func plan(_ batch: [ConsumedEvent], states: [String: RegistryNodeState], now: Double) -> RegistryPlan {
        var plan = RegistryPlan()
        var working: [String: RegistryNodeState] = [:]
        var latestIntrospection: [String: AppliedEvent<NodeIntrospection>] = [:]
        var latestHeartbeat: [String: AppliedEvent<NodeHeartbeat>] = [:]
        var latestShutdown: [String: AppliedEvent<NodeShutdown>] = [:]
        var nodeOrder: [String] = []
        var joins: Set<String> = []

        for event in batch {
            let envelope = event.envelope
            guard let nodeID = envelope.payload.nodeID else { continue }
            guard envelope.environment == options.environment else {
                plan.otherEnvironmentSkipped += 1
                continue
            }
            let current = working[nodeID] ?? states[nodeID]
            if let current, current.environment != options.environment {
                plan.deadLetters.append(
                    (
                        event,
                        "payload.node_id: \"\(nodeID)\" is registered under environment \"\(current.environment)\"; "
                            + "expected a node id not used by another environment sharing this database or Consul agent"
                    ))
                continue
            }
            let kind: GenerationRule.Kind
            switch envelope.payload {
            case .introspection: kind = .introspection
            case .heartbeat: kind = .heartbeat
            case .shutdown: kind = .shutdown
            case .request: continue
            }
            let verdict = GenerationRule.judge(
                kind: kind, epoch: envelope.payload.epoch, timestamp: envelope.eventTimestamp,
                stored: current?.generation)
            guard verdict.isApplied else {
                plan.staleSkipped += 1
                continue
            }
            let generation = GenerationRule.advance(
                current?.generation, kind: kind, epoch: envelope.payload.epoch, timestamp: envelope.eventTimestamp)
            if !nodeOrder.contains(nodeID) { nodeOrder.append(nodeID) }

            switch envelope.payload {
            case .introspection(let node):
                var state =
                    current
                    ?? RegistryNodeState(
                        nodeID: nodeID, nodeType: node.nodeType, environment: options.environment,
                        generation: generation, heartbeatIntervalSeconds: options.defaultHeartbeatIntervalSeconds,
                        lastHeardAt: now)
                let fingerprint = AnnouncementFingerprint(node)
                let answersRequest = node.correlationID != nil || node.broadcastReason == .registryRequest
                if let correlation = node.correlationID { plan.answers[nodeID] = correlation }
                let unchanged =
                    current != nil && state.fingerprint == fingerprint && !state.deregistered && !answersRequest
                if unchanged {
                    plan.unchangedSkipped += 1
                } else {
                    latestIntrospection[nodeID] = AppliedEvent(envelope, node)
                    latestShutdown[nodeID] = nil
                }
                state.generation = generation
                state.nodeType = node.nodeType
                state.fingerprint = fingerprint
                state.heartbeatIntervalSeconds =
                    node.heartbeatIntervalSeconds ?? options.defaultHeartbeatIntervalSeconds
                state.desiredRegistration = ServiceRegistrationBuilder.build(node, options: options)
                state.deregistered = false
                state.lastHeardAt = now
                state.lastPartition = event.partition
                working[nodeID] = state
                joins.remove(nodeID)
            case .heartbeat(let beat):
                guard var state = current else {
                    // Heard of only by heartbeat: ask it to announce; nothing to write yet.
                    joins.insert(nodeID)
                    continue
                }
                state.generation = generation
                state.lastHeardAt = now
                state.lastPartition = event.partition
                working[nodeID] = state
                latestHeartbeat[nodeID] = AppliedEvent(envelope, beat)
                // Alive in a newer epoch after a shutdown: it needs to announce before it is registered.
                if state.deregistered { joins.insert(nodeID) }
            case .shutdown(let shutdown):
                var state =
                    current
                    ?? RegistryNodeState(
                        nodeID: nodeID, nodeType: shutdown.nodeType, environment: options.environment,
                        generation: generation, heartbeatIntervalSeconds: options.defaultHeartbeatIntervalSeconds,
                        lastHeardAt: now)
                state.generation = generation
                state.desiredRegistration = nil
                state.deregistered = true
                state.lastHeardAt = now
                state.lastPartition = event.partition
                working[nodeID] = state
                latestShutdown[nodeID] = AppliedEvent(envelope, shutdown)
                latestIntrospection[nodeID] = nil
            case .request:
                break
            }
        }

        for nodeID in nodeOrder {
            guard var state = working[nodeID] else { continue }
            if let write = latestIntrospection[nodeID] { plan.introspections.append(write) }
            if let write = latestShutdown[nodeID] { plan.shutdowns.append(write) }
            if let beat = latestHeartbeat[nodeID], !state.deregistered { plan.heartbeats.append(beat) }

            if let desired = state.desiredRegistration {
                if state.registration != desired {
                    plan.consulRegistrations.append(desired)
                    state.registration = desired
                    // Registered passing: the TTL clock starts now.
                    state.lastTTLPassAt = now
                } else if latestHeartbeat[nodeID] != nil, case .ttl(let ttl) = desired.check {
                    let due = state.lastTTLPassAt.map { now - $0 >= Double(ttl) / 3 } ?? true
                    if due {
                        plan.ttlPasses.append(desired.checkID)
                        state.lastTTLPassAt = now
                    }
                }
            } else if state.deregistered, state.registration != nil || latestShutdown[nodeID] != nil {
                plan.consulDeregistrations.append(nodeID)
                state.registration = nil
                state.lastTTLPassAt = nil
            }
            plan.nextStates[nodeID] = state
        }
        plan.joinRequests = joins.sorted()
        return plan
    }
}

import BridgeEvents

/// Consul's side of the registry: a batch's requests, the reconciler that finishes what an outage
/// left owed, and drift repair against what the agent actually holds (DESIGN.md §4.4).
extension RegistryPipeline {
    /// Consul's part of a plan. Returns the `consul_state` to record for nodes whose Consul side is
    /// still owed; the plan's next states stop believing Consul holds what it does not.
    func applyConsul(_ plan: inout RegistryPlan) async -> [String: ConsulState] {
        var operations: [RegistryConsulWriter.Operation] = []
        operations += plan.consulRegistrations.map { .register($0) }
        operations += plan.consulDeregistrations.map { .deregister(serviceID: $0) }
        ttlPasses.cancel(plan.consulDeregistrations)
        let consulDown = health.withLock { $0.dependencies[.consul]?.up == false }
        let passes = plan.ttlPasses.compactMap { checkID in
            plan.nextStates[String(checkID.dropFirst("service:".count))]?.registration
        }
        if consulDown {
            // Registered as far as PostgreSQL knows; the agent may lose it meanwhile.
            pendingConsul.formUnion(passes.map(\.id))
        } else {
            // Not waited for: see RegistryTTLPassLane.
            ttlPasses.enqueue(passes)
        }
        guard !operations.isEmpty else { return [:] }
        // While Consul is known to be down, the work is owed at once instead of timing out request by
        // request; the reconciler finds out when it is back.
        let outcomes: [RegistryConsulWriter.Outcome]
        if consulDown {
            outcomes = operations.map { _ in .unreachable("consul is down") }
        } else {
            outcomes = await writer.perform(operations)
        }
        var owed: [String: ConsulState] = [:]
        var unreachable: String?
        for (operation, outcome) in zip(operations, outcomes) {
            if case .unreachable(let reason) = outcome { unreachable = reason }
            guard outcome != .done else { continue }
            switch operation {
            case .register(let registration):
                owed[registration.id] = .pendingRegister
                plan.nextStates[registration.id]?.registration = nil
                if outcome.isUnreachable { pendingConsul.insert(registration.id) }
            case .deregister(let id):
                owed[id] = .pendingDeregister
                if outcome.isUnreachable { pendingConsul.insert(id) }
            case .passTTL:
                break  // sent by the pass lane, never here
            }
        }
        if let unreachable {
            markDown(.consul, unreachable)
        } else {
            markUp(.consul)
        }
        return owed
    }

    /// What the pass lane could not do: a check Consul does not know means the node's registration is
    /// owed again (unless it was removed meanwhile); Consul unreachable, the same, and Consul is down.
    /// (Other refusals were logged by the writer; registering again would be refused too.)
    func absorbTTLPassReports() {
        var unreachable: String?
        for (id, report) in ttlPasses.takeReports() {
            switch report {
            case .unreachable(let reason): unreachable = reason
            // The agent answered: the registration it lost is owed now, not after an outage's backoff.
            case .unknownCheck: nextReconcileAt = 0
            }
            guard let state = states[id], !state.deregistered, state.desiredRegistration != nil else { continue }
            pendingConsul.insert(id)
        }
        if let unreachable { markDown(.consul, unreachable) }
    }

    /// Finishes what Consul is owed: registers or removes each pending node and records it in
    /// PostgreSQL (through the backlog). Retried with exponential backoff and jitter.
    func reconcile() async {
        var operations: [RegistryConsulWriter.Operation] = []
        var ids: [String] = []
        for id in pendingConsul.sorted() {
            guard let state = states[id] else {
                pendingConsul.remove(id)
                continue
            }
            if let desired = state.desiredRegistration, !state.deregistered {
                operations.append(.register(desired))
            } else {
                operations.append(.deregister(serviceID: id))
            }
            ids.append(id)
        }
        let outcomes = await writer.perform(operations)
        var registered: [String] = []
        var deregistered: [String] = []
        var stillDown: String?
        for (id, (operation, outcome)) in zip(ids, zip(operations, outcomes)) {
            switch outcome {
            case .done:
                pendingConsul.remove(id)
                if case .register(let registration) = operation {
                    states[id]?.registration = registration
                    states[id]?.lastTTLPassAt = now
                    registered.append(id)
                } else {
                    states[id]?.registration = nil
                    deregistered.append(id)
                }
            case .rejected, .unknownCheck:
                pendingConsul.remove(id)
            case .unreachable(let reason):
                stillDown = reason
            }
        }
        backlog.setConsulState(.registered, for: registered)
        backlog.setConsulState(.deregistered, for: deregistered)
        if let stillDown {
            markDown(.consul, stillDown)
            nextReconcileAt = now + consulBackoff.nextDelay(using: &generator)
        } else {
            consulBackoff.reset()
            markUp(.consul)
            if !registered.isEmpty || !deregistered.isEmpty {
                metrics.driftRepairs.increment(by: Int64(registered.count + deregistered.count))
                logger.notice(
                    "pending consul work completed",
                    metadata: [
                        "registered": "\(registered.count)", "deregistered": "\(deregistered.count)",
                        "still.pending": "\(pendingConsul.count)",
                    ])
            }
        }
        await flushBacklog()
    }

    /// Makes Consul hold exactly the live nodes this registry's environment has (§4.4): an agent that
    /// lost its state gets them back; services with our tag and environment that we do not know are
    /// removed. Run at start, when Consul comes back, and every `consulSyncIntervalSeconds`.
    func repairConsulDrift() async {
        // The listings of every service and check are the registry's largest transient allocations.
        defer { HeapPolicy.releaseFreedMemory() }
        let environment = configuration.options.environment
        var desired: [String: ServiceRegistration] = [:]
        // Its own nodes only: the others' partitions, and Consul entries, belong to other registries.
        for (id, state) in states where state.environment == environment && !state.deregistered && owns(id) {
            if let registration = state.desiredRegistration { desired[id] = registration }
        }
        var drift: ConsulDrift
        do throws(ConsulError) {
            let services = try await consul.agentServices()
            let checks = try await consul.agentChecks()
            drift = ConsulDrift.compare(
                desired: desired, services: services, checkIDs: Set(checks.keys), environment: environment)
            markUp(.consul)
        } catch {
            markDown(.consul, error.description)
            pendingConsul.formUnion(desired.keys)
            return
        }
        // A service PostgreSQL does not know may be one whose row is still on its way (a replay after
        // a crash, a batch held while PostgreSQL was away): removed only once the registry is caught up.
        let caughtUp = now >= reannounceWindowEndsAt && lagHistory.last == 0 && backlog.isEmpty
        drift.deregister = caughtUp ? await confirmedOrphans(drift.deregister) : []
        for id in drift.inPlace where states[id]?.registration == nil {
            states[id]?.registration = desired[id]
            states[id]?.lastTTLPassAt = now
        }
        guard !drift.isEmpty else { return }
        let operations =
            drift.register.map(RegistryConsulWriter.Operation.register)
            + drift.deregister.map { RegistryConsulWriter.Operation.deregister(serviceID: $0) }
        let outcomes = await writer.perform(operations)
        var repaired = 0
        var wasPending: [String] = []
        for (operation, outcome) in zip(operations, outcomes) {
            if outcome == .done { repaired += 1 }
            guard case .register(let registration) = operation else { continue }
            if outcome == .done {
                states[registration.id]?.registration = registration
                states[registration.id]?.lastTTLPassAt = now
                // Owed by an outage: PostgreSQL learns it is done, as when the reconciler does it.
                if pendingConsul.remove(registration.id) != nil { wasPending.append(registration.id) }
            } else if outcome.isUnreachable {
                states[registration.id]?.registration = nil
                pendingConsul.insert(registration.id)
            }
        }
        metrics.driftRepairs.increment(by: Int64(repaired))
        if !wasPending.isEmpty {
            backlog.setConsulState(.registered, for: wasPending)
            await flushBacklog()
        }
        logger.notice(
            "consul drift repaired",
            metadata: ["registered": "\(drift.register.count)", "removed": "\(drift.deregister.count)"])
    }

    /// Of the services with our tag that no node of ours explains, the ones to remove: not a live node
    /// this registry knows of (another registry's), whose partition is ours, unexplained at the
    /// previous sync too, and without a live row of this environment in PostgreSQL.
    func confirmedOrphans(_ unexplained: [String]) async -> [String] {
        let environment = configuration.options.environment
        let candidates = unexplained.filter { id in
            let known = states[id].map { !$0.deregistered && $0.environment == environment } ?? false
            return !known && owns(id)
        }
        let previous = orphanCandidates
        orphanCandidates = Set(candidates)
        let seenTwice = candidates.filter(previous.contains)
        guard !seenTwice.isEmpty, let store else { return [] }
        guard
            let rows = try? await store.list(NodeRegistrationFilter(includeDeregistered: true, nodeIDs: seenTwice))
        else { return [] }
        let liveRows = Set(rows.filter { !$0.isDeregistered && $0.environment == environment }.map(\.nodeID))
        return seenTwice.filter { !liveRows.contains($0) }
    }
}

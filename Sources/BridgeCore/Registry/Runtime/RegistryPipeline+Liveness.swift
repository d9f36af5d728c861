import BridgeEvents

/// Liveness (DESIGN.md §4.5–4.7): silent nodes become stale, then evicted — unless the registry is
/// blind, when it evicts nobody and keeps the TTL checks of the nodes it last saw alive passing — and
/// the re-announce window after start, at whose end the nodes that did not answer are named.
extension RegistryPipeline {
    func sweepLiveness() async {
        updateNodeGauges()
        let now = self.now
        let environment = configuration.options.environment
        let registryID = configuration.options.registryID
        if ownership.partitionCount == nil, !ownership.assignedSince.isEmpty { await learnPartitionCount() }
        var live: [String] = []
        var stale: [String] = []
        var evict: [String] = []
        /// Not ours now but in the last assignment we had: kept passing if the registry goes blind.
        var ownedLately: [String] = []
        for (id, state) in states where state.environment == environment && !state.deregistered && id != registryID {
            // Another registry of the group judges it; silence counts from when it became ours.
            guard let since = ownership.ownedSince(id, lastHeardPartition: state.lastPartition) else {
                if ownership.ownedLately(id, lastHeardPartition: state.lastPartition), !markedStale.contains(id) {
                    ownedLately.append(id)
                }
                continue
            }
            let verdict = liveness.state(
                silentSeconds: now - max(state.lastHeardAt, since),
                nodeHeartbeatInterval: configuration.staleAfterSeconds == nil ? state.heartbeatIntervalSeconds : nil)
            switch verdict {
            case .live: live.append(id)
            case .stale: stale.append(id)
            case .evict: evict.append(id)
            }
        }
        // Until the nodes had their chance to answer the start-up request, silence means nothing:
        // keep the checks of every known live node passing, mark and evict nobody.
        if now < reannounceWindowEndsAt {
            keepChecksPassing(Set(live + stale + evict))
            return
        }
        let tracked = live.count + stale.count + evict.count
        let silent = stale.count + evict.count
        // A small fleet losing one node is not blindness: the fraction rule needs at least 2 silent.
        let silentFraction = tracked > 0 && silent >= 2 ? Double(silent) / Double(tracked) : 0
        let growing =
            lagHistory.count >= 4 && zip(lagHistory, lagHistory.dropFirst()).allSatisfy { $0 < $1 }
            && (lagHistory.last ?? 0) > Int64(configuration.batchSize)
        let reason = liveness.blindness(
            kafkaReachable: health.withLock { $0.dependencies[.kafka]?.up != false }, lagGrowing: growing,
            silentFraction: silentFraction)
        // Nodes not yet recorded silent were live as far as the registry could tell when it went blind.
        updateBlindness(reason, live: (live + stale + evict).filter { !markedStale.contains($0) } + ownedLately)
        if blindReason != nil {
            // Silence while blind means nothing: no stale marks, no evictions.
            keepChecksPassing(liveWhenBlind)
            return
        }

        let newlyStale = (stale + evict).filter { !markedStale.contains($0) }
        if !newlyStale.isEmpty {
            markedStale.formUnion(newlyStale)
            backlog.markStale(newlyStale)
            metrics.staleMarked.increment(by: Int64(newlyStale.count))
            logger.warning(
                "nodes stale (no heartbeat)",
                metadata: [
                    "nodes": "\(newlyStale.sorted().prefix(20).joined(separator: ","))", "count": "\(newlyStale.count)",
                ])
        }
        markedStale.subtract(live)
        if !evict.isEmpty { await evictNodes(evict) }
        if !backlog.isEmpty { await flushBacklog() }
    }

    private func updateBlindness(_ reason: String?, live: [String]) {
        switch (blindReason, reason) {
        case (nil, let reason?):
            liveWhenBlind = Set(live)
            logger.warning(
                "self-preservation: evicting nobody and keeping live nodes' checks passing",
                metadata: ["reason": "\(reason)", "nodes.live": "\(live.count)"])
            metrics.selfPreservation.set(Int64(1))
        case (let was?, nil):
            // Nodes presumed alive while the registry could not see them get a fresh start.
            let now = self.now
            for id in liveWhenBlind {
                if let heard = states[id]?.lastHeardAt { states[id]?.lastHeardAt = max(heard, now) }
            }
            liveWhenBlind = []
            logger.notice("self-preservation over", metadata: ["was": "\(was)"])
            metrics.selfPreservation.set(Int64(0))
        default:
            break
        }
        blindReason = reason
        health.withLock {
            if $0.selfPreservation != reason { $0.selfPreservationSince = reason == nil ? nil : .now() }
            $0.selfPreservation = reason
        }
    }

    /// Passes the TTL checks of these nodes (at most once per TTL/3 each) while the registry cannot
    /// judge them: blind, or inside the re-announce window. Consul does not report them critical for
    /// the registry's sake.
    private func keepChecksPassing(_ nodes: Set<String>) {
        let now = self.now
        var due: [ServiceRegistration] = []
        for id in nodes.sorted() {
            guard let state = states[id], !state.deregistered, let registration = state.registration,
                case .ttl(let ttl) = registration.check
            else { continue }
            if now - (state.lastTTLPassAt ?? 0) >= Double(ttl) / 3 { due.append(registration) }
        }
        guard !due.isEmpty, health.withLock({ $0.dependencies[.consul]?.up != false }) else { return }
        // Queued, not waited for: a blind registry still consumes meanwhile (waiting for a pass per
        // live node each TTL/3 is what kept it behind once it was).
        ttlPasses.enqueue(due)
        for registration in due { states[registration.id]?.lastTTLPassAt = now }
    }

    private func evictNodes(_ ids: [String]) async {
        ttlPasses.cancel(ids)
        let outcomes = await writer.perform(ids.map { .deregister(serviceID: $0) })
        var owed: [String] = []
        for (id, outcome) in zip(ids, outcomes) {
            states[id]?.deregistered = true
            states[id]?.desiredRegistration = nil
            states[id]?.registration = nil
            states[id]?.lastTTLPassAt = nil
            markedStale.remove(id)
            if outcome.isUnreachable {
                owed.append(id)
                pendingConsul.insert(id)
            }
        }
        backlog.setConsulState(.pendingDeregister, for: owed)
        backlog.evict(ids, at: .now())
        metrics.evictions.increment(by: Int64(ids.count))
        logger.notice(
            "nodes evicted (silent longer than evict-after)",
            metadata: ["nodes": "\(ids.sorted().prefix(20).joined(separator: ","))", "count": "\(ids.count)"])
    }

    // MARK: - Re-announcement

    /// Publishes REGISTRY_REQUEST_INTROSPECTION and tracks which known live nodes answer it before the
    /// re-announce window ends (no evictions meanwhile).
    func requestReannouncement(reason: RequestReason) {
        let correlation = EventUUID.random()
        let environment = configuration.options.environment
        let expected = states.filter { id, state in
            state.environment == environment && !state.deregistered && id != configuration.options.registryID
                && state.desiredRegistration?.meta["node_role"] != "registry"
        }.keys
        tracker = CorrelationTracker(correlationID: correlation, expected: expected)
        reannounceWindowEndsAt =
            now
            + LivenessPolicy.reannounceWindowSeconds(
                heartbeatInterval: configuration.heartbeatIntervalSeconds,
                responseTimeoutMilliseconds: configuration.requestResponseTimeoutMilliseconds)
        health.withLock {
            $0.startupCorrelationID = correlation
            $0.startupReason = reason.rawValue
            $0.startupExpected = expected.count
        }
        announce {
            try $0.request(
                reason: reason, responseTimeoutMilliseconds: configuration.requestResponseTimeoutMilliseconds,
                correlationID: correlation)
        }
    }

    func closeReannounceWindow(_ tracker: CorrelationTracker) {
        self.tracker = nil
        // Nodes another registry of the group owns answered it (or not) there.
        let missing = tracker.missing.filter(owns)
        metrics.unanswered.set(Int64(missing.count))
        health.withLock {
            $0.startupAnswers = tracker.answered.count
            $0.notAnswering = missing
        }
        if missing.isEmpty {
            logger.info(
                "every known node answered the introspection request", metadata: ["nodes": "\(tracker.expected.count)"])
        } else {
            logger.warning(
                "known nodes did not answer the introspection request",
                metadata: [
                    "nodes": "\(missing.prefix(50).joined(separator: ","))", "count": "\(missing.count)",
                    "correlation_id": "\(tracker.correlationID)",
                ])
        }
    }

    /// Nodes heard only by heartbeat are asked to announce, at most once per 10 s.
    func requestJoin(_ plan: RegistryPlan) {
        guard now - lastJoinRequestAt >= 10 else { return }
        lastJoinRequestAt = now
        let types = Set(plan.joinRequests.compactMap { states[$0]?.nodeType })
        logger.info("asking unknown nodes to announce", metadata: ["nodes": "\(plan.joinRequests.count)"])
        announce {
            try $0.request(
                reason: .nodeJoin, targetTypes: types.sorted { $0.rawValue < $1.rawValue },
                responseTimeoutMilliseconds: configuration.requestResponseTimeoutMilliseconds,
                correlationID: .random())
        }
    }
}

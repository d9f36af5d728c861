import Logging

/// The running dev agent: owns one `DevConsulState`, feeds it the clock (TTL expiry, reaping), runs
/// HTTP checks, and wakes blocking queries when the catalog changes. Endpoints read a snapshot of
/// the state (a copy-on-write value) and render it outside the actor.
actor DevConsulAgent {
    private var state: DevConsulState
    private let logger: Logger
    private let clock = ContinuousClock()
    private var monitors: [String: HTTPCheckMonitor] = [:]
    private var checkClient: CurlHTTPClient?
    /// Blocking queries waiting for a change, each with the task that ends its wait at the deadline.
    private var waiters: [UInt64: (continuation: CheckedContinuation<Void, Never>, timer: Task<Void, Never>)] = [:]
    private var nextWaiterID: UInt64 = 0

    /// How often TTL deadlines are looked at: expiry is reported within this of the deadline.
    static let expiryResolution = Duration.milliseconds(100)

    init(configuration: DevConsulConfiguration, logger: Logger) {
        state = DevConsulState(configuration: configuration)
        self.logger = logger
    }

    var snapshot: DevConsulState { state }
    var configuration: DevConsulConfiguration { state.configuration }

    // MARK: - Writes

    func register(_ definition: DevConsulServiceDefinition, replaceExistingChecks: Bool) throws(DevConsulError) {
        let before = state.indexes.last
        try state.register(definition, replaceExistingChecks: replaceExistingChecks, now: clock.now)
        logger.debug(
            "service registered",
            metadata: ["consul.service_id": "\(definition.id.isEmpty ? definition.name : definition.id)"])
        syncMonitors(serviceID: definition.id.isEmpty ? definition.name : definition.id)
        wakeIfChanged(since: before)
    }

    func deregister(serviceID: String) throws(DevConsulError) {
        let before = state.indexes.last
        let checkIDs = state.checkIDsByService[serviceID, default: []]
        try state.deregister(serviceID: serviceID)
        logger.debug("service deregistered", metadata: ["consul.service_id": "\(serviceID)"])
        stopMonitors(checkIDs)
        wakeIfChanged(since: before)
    }

    func updateTTL(checkID: String, status: String, output: String) throws(DevConsulError) {
        let before = state.indexes.last
        try state.updateTTL(checkID: checkID, status: status, output: output, now: clock.now)
        wakeIfChanged(since: before)
    }

    func kvPut(key: String, value: [UInt8], flags: UInt64, when condition: DevConsulKVStore.Condition) -> Bool {
        let before = state.indexes.last
        let stored = state.kvPut(key: key, value: value, flags: flags, when: condition)
        wakeIfChanged(since: before)
        return stored
    }

    func kvDelete(key: String, recurse: Bool, when condition: DevConsulKVStore.Condition) -> Bool {
        let before = state.indexes.last
        let deleted = state.kvDelete(key: key, recurse: recurse, when: condition)
        wakeIfChanged(since: before)
        return deleted
    }

    /// A write txn: all or nothing, as one change for blocking queries.
    func transact(
        _ operations: [DevConsulTxnOperation], acl: DevConsulACL, identity: DevConsulACL.Identity
    ) -> DevConsulTxn.Outcome {
        let before = state.indexes.last
        let outcome = DevConsulTxn.run(operations, on: &state, acl: acl, identity: identity)
        wakeIfChanged(since: before)
        return outcome
    }

    // MARK: - Time

    /// Expires TTLs every `expiryResolution` and reaps critical services every `reapInterval`,
    /// until the task is cancelled.
    func runTimers() async {
        var nextReap = clock.now + state.configuration.reapInterval.duration
        var nextSync = clock.now + state.configuration.antiEntropyInterval.duration
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: Self.expiryResolution)
            } catch {
                break
            }
            let now = clock.now
            let before = state.indexes.last
            for checkID in state.expireTTLs(now: now) {
                logger.info("check missed its TTL and is now critical", metadata: ["consul.check_id": "\(checkID)"])
            }
            if now >= nextReap {
                nextReap = now + state.configuration.reapInterval.duration
                let removedChecks = state.checks.keys
                for serviceID in state.reapCriticalServices(now: now) {
                    logger.info(
                        "service critical for too long; deregistered", metadata: ["consul.service_id": "\(serviceID)"])
                }
                stopMonitors(Set(removedChecks).subtracting(state.checks.keys))
            }
            if now >= nextSync {
                nextSync = now + state.configuration.antiEntropyInterval.duration
                for serviceID in state.antiEntropySync() {
                    logger.debug(
                        "anti-entropy removed a catalog-only service from the agent's node",
                        metadata: ["consul.service_id": "\(serviceID)"])
                }
            }
            wakeIfChanged(since: before)
        }
        for monitor in monitors.values { monitor.task.cancel() }
        monitors = [:]
        checkClient?.shutdown()
    }

    // MARK: - Blocking queries

    /// Suspends until the catalog changes after the snapshot the caller read (`seen`: that
    /// snapshot's newest index), `deadline` passes or the task is cancelled; the caller then re-reads
    /// and decides whether its index moved. A change between the caller's read and this call returns
    /// at once: without `seen` such a change was missed and the watcher slept its whole wait.
    func waitForChange(since seen: UInt64, until deadline: ContinuousClock.Instant) async {
        let id = nextWaiterID
        nextWaiterID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard !Task.isCancelled, clock.now < deadline, state.indexes.last == seen else {
                    continuation.resume()
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    await self?.wake(id)
                }
                waiters[id] = (continuation, timer)
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
    }

    private func wake(_ id: UInt64) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.timer.cancel()
        waiter.continuation.resume()
    }

    private func wakeIfChanged(since index: UInt64) {
        guard state.indexes.last != index, !waiters.isEmpty else { return }
        let woken = waiters
        waiters = [:]
        for waiter in woken.values {
            waiter.timer.cancel()
            waiter.continuation.resume()
        }
    }

    // MARK: - HTTP checks

    private func syncMonitors(serviceID: String) {
        for checkID in state.checkIDsByService[serviceID, default: []] {
            guard let check = state.checks[checkID], check.type == "http", let definition = check.definition else {
                stopMonitors([checkID])
                continue
            }
            if monitors[checkID]?.definition == definition { continue }
            stopMonitors([checkID])
            let client = checkClient ?? CurlHTTPClient(configuration: .init(maximumConnections: 4))
            checkClient = client
            let task = Task { [weak self] in
                await HTTPCheckMonitor.run(definition: definition, client: client) { [weak self] status, output in
                    await self?.recordCheckResult(
                        checkID: checkID, definition: definition, status: status, output: output)
                }
            }
            monitors[checkID] = HTTPCheckMonitor(definition: definition, task: task)
        }
    }

    private func stopMonitors(_ checkIDs: Set<String>) {
        for checkID in checkIDs {
            monitors.removeValue(forKey: checkID)?.task.cancel()
        }
    }

    private func recordCheckResult(
        checkID: String, definition: DevConsulCheckDefinition, status: String, output: String
    ) {
        guard monitors[checkID]?.definition == definition else { return }
        let before = state.indexes.last
        state.record(checkID: checkID, status: status, output: output, now: clock.now)
        wakeIfChanged(since: before)
    }
}

import Synchronization

/// TTL passes, off the consuming path. A pass only keeps a check green (it is idempotent, and the
/// next heartbeat brings another), so the batch that causes it does not wait for it: heartbeats are
/// written to PostgreSQL and committed at the pace PostgreSQL allows, and the passes go to Consul at
/// the pace Consul allows, queued once per node (a node's newer pass replaces one not yet sent), so
/// a registry behind on Consul owes it at most one request per node, never a backlog of heartbeats.
///
/// What went wrong comes back through `takeReports()` for the pipeline to act on with its own state
/// (a check Consul no longer knows is a registration owed — unless the node was removed meanwhile).
final class RegistryTTLPassLane: Sendable {
    enum Report: Sendable, Equatable {
        /// Consul does not know the node's check (it lost the service): the check's id.
        case unknownCheck(String)
        case unreachable(String)
    }

    private struct State {
        var queued: [String: ServiceRegistration] = [:]
        /// Node ids in the order they were first queued (ids no longer in `queued` are skipped).
        var order: [String] = []
        var orderStart = 0
        var reports: [(nodeID: String, report: Report)] = []
    }

    private let state = Mutex(State())
    private let writer: RegistryConsulWriter
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    init(writer: RegistryConsulWriter) {
        self.writer = writer
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Passes owed, not sent yet.
    var queuedCount: Int { state.withLock { $0.queued.count } }

    func enqueue(_ registrations: [ServiceRegistration]) {
        guard !registrations.isEmpty else { return }
        state.withLock { state in
            for registration in registrations {
                if state.queued.updateValue(registration, forKey: registration.id) == nil {
                    state.order.append(registration.id)
                }
            }
        }
        ring.yield()
    }

    /// Drops passes not sent yet (the node was deregistered: a late pass would only earn a 404).
    func cancel(_ nodeIDs: [String]) {
        guard !nodeIDs.isEmpty else { return }
        state.withLock { state in
            for id in nodeIDs { state.queued[id] = nil }
        }
    }

    func takeReports() -> [(nodeID: String, report: Report)] {
        state.withLock { state in
            defer { state.reports = [] }
            return state.reports
        }
    }

    /// Sends queued passes, `batch` at a time, until the task is cancelled.
    func run(batch: Int) async {
        var bell = doorbell.makeAsyncIterator()
        while !Task.isCancelled {
            let next = take(batch)
            if next.isEmpty {
                guard await bell.next() != nil else { return }
                continue
            }
            let outcomes = await writer.perform(next.map { .passTTL($0) })
            let failed: [(String, Report)] = zip(next, outcomes).compactMap { registration, outcome in
                switch outcome {
                case .done, .rejected: nil  // a refusal is logged by the writer; nothing to repair
                case .unknownCheck: (registration.id, .unknownCheck(registration.checkID))
                case .unreachable(let reason): (registration.id, .unreachable(reason))
                }
            }
            if !failed.isEmpty { state.withLock { $0.reports += failed } }
        }
    }

    private func take(_ count: Int) -> [ServiceRegistration] {
        state.withLock { state in
            var taken: [ServiceRegistration] = []
            while taken.count < count, state.orderStart < state.order.count {
                let id = state.order[state.orderStart]
                state.orderStart += 1
                if let registration = state.queued.removeValue(forKey: id) { taken.append(registration) }
            }
            if state.orderStart == state.order.count || state.orderStart > 4_096 {
                state.order.removeFirst(state.orderStart)
                state.orderStart = 0
            }
            return taken
        }
    }
}

import Synchronization

/// Watches PostgreSQL from outside the registry: when each expected node's row first became visible
/// (on the run's `BenchClock`). The schema has no trigger to LISTEN on, so it polls, asking only for
/// the ids not yet seen; the pause between polls is at least `minimumInterval` and twice the last
/// query's duration, so that the observer never takes more than about a third of the server's time
/// from the registry, even while ten thousand rows are still missing.
public final class PostgresRegistrationPoll: Sendable {
    private struct State {
        var unseen: Set<String> = []
        var firstSeen: [String: Double] = [:]
        var polls = 0
        var lastError: String?
    }

    private let connection: PostgresConnection
    private let clock: BenchClock
    private let minimumInterval: Double
    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(connection: PostgresConnection, clock: BenchClock, minimumInterval: Double = 0.001) {
        self.connection = connection
        self.clock = clock
        self.minimumInterval = minimumInterval
    }

    deinit { task.withLock { $0?.cancel() } }

    /// Adds node ids to look for (before or while they are published).
    public func expect<S: Sequence<String>>(_ ids: S) {
        state.withLock { state in
            for id in ids where state.firstSeen[id] == nil { state.unseen.insert(id) }
        }
    }

    public func start() {
        let loop = Task { [self] in await self.poll() }
        task.withLock { $0 = loop }
    }

    public func stop() {
        task.withLock {
            $0?.cancel()
            $0 = nil
        }
    }

    public func firstSeen(_ nodeID: String) -> Double? { state.withLock { $0.firstSeen[nodeID] } }
    public var seenCount: Int { state.withLock { $0.firstSeen.count } }
    public var unseenCount: Int { state.withLock { $0.unseen.count } }
    public var snapshot: [String: Double] { state.withLock { $0.firstSeen } }
    public var polls: Int { state.withLock { $0.polls } }
    public var lastError: String? { state.withLock { $0.lastError } }

    private func poll() async {
        while !Task.isCancelled {
            let wanted = state.withLock { Array($0.unseen) }
            var queryTime = 0.0
            if !wanted.isEmpty {
                let started = clock.now
                do throws(BridgeError) {
                    let result = try await connection.execute(
                        "SELECT node_id FROM node_registrations WHERE node_id = ANY($1::text[])",
                        [PostgresArrayLiteral.encode(wanted)])
                    let seenAt = clock.now
                    queryTime = seenAt - started
                    state.withLock { state in
                        state.polls += 1
                        for row in result.rows {
                            guard let id = row.first ?? nil, state.unseen.remove(id) != nil else { continue }
                            state.firstSeen[id] = seenAt
                        }
                    }
                } catch {
                    state.withLock { $0.lastError = error.message }
                    queryTime = 0.05
                }
            }
            try? await Task.sleep(for: .seconds(max(minimumInterval, 2 * queryTime)))
        }
    }
}

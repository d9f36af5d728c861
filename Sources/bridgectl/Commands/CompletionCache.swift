import BridgeCore
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Topic names (from the broker's metadata) and node ids (from PostgreSQL, else Consul) for Tab
/// completion: fetched in the background, kept for 10 s, failures silent (completion just offers
/// less, and the next Tab asks again).
final class CompletionCache: Sendable {
    private struct State {
        var topics: [String] = []
        var nodeIDs: [String] = []
        var fetchedAt: ContinuousClock.Instant?
        var fetching = false
    }
    private let state = Mutex(State())
    static let lifetime: Duration = .seconds(10)

    var current: ([String], [String]) { state.withLock { ($0.topics, $0.nodeIDs) } }

    /// What is cached; when nothing has been fetched yet and a fetch is under way, waits up to
    /// `patience` for it. Called on the line editor's queue (never the cooperative pool): a first Tab
    /// right after start, or after a failed fetch, then completes instead of offering nothing.
    func current(waitingUpTo patience: Duration) -> ([String], [String]) {
        let deadline = ContinuousClock.now + patience
        while ContinuousClock.now < deadline {
            let waiting = state.withLock { $0.fetching && $0.fetchedAt == nil }
            guard waiting else { break }
            usleep(10_000)
        }
        return current
    }

    func refreshIfStale() {
        let stale = state.withLock { state in
            guard let at = state.fetchedAt else { return true }
            return at.duration(to: .now) > Self.lifetime
        }
        if stale { refresh() }
    }

    func refresh() {
        let start = state.withLock { state -> Bool in
            if state.fetching { return false }
            state.fetching = true
            return true
        }
        guard start else { return }
        Task.detached { [self] in
            let source = ConfigurationSource.process()
            var silent = Logger(label: "bridgectl.repl.completion")
            silent.logLevel = .critical
            async let topics = Self.topics(source, silent)
            async let nodes = Self.nodeIDs(source, silent)
            let (t, n) = await (topics, nodes)
            state.withLock { state in
                if let t { state.topics = t }
                if let n { state.nodeIDs = n }
                // A fetch that got nothing is not kept for 10 s: the next Tab tries again.
                state.fetchedAt = t == nil && n == nil ? nil : .now
                state.fetching = false
            }
        }
    }

    private static func topics(_ source: ConfigurationSource, _ logger: Logger) async -> [String]? {
        guard let settings = try? KafkaSettings.resolve(brokers: nil, properties: [], source: source),
            let consumer = try? KafkaConsumer(
                settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-completion"), logger: logger)
        else { return nil }
        let metadata = try? await consumer.metadata(timeout: .seconds(5))
        await consumer.close()
        return metadata?.topics.map(\.name).filter { !$0.hasPrefix("__") }
    }

    private static func nodeIDs(_ source: ConfigurationSource, _ logger: Logger) async -> [String]? {
        let postgres = PostgresSettings.resolve(url: nil, source: source)
        if let connection = try? await PostgresConnection.connect(postgres, logger: logger, connectTimeoutSeconds: 2),
            let environment = try? EnvironmentName.resolve(nil, source: source),
            let records = try? await NodeRegistrationStore(connection: connection).list(
                NodeRegistrationFilter(environment: environment))
        {
            return records.map(\.nodeID)
        }
        guard let consul = try? ConsulSettings.resolve(address: nil, token: nil, source: source) else { return nil }
        let client = ConsulClient(settings: consul, requestTimeout: .seconds(2), logger: logger)
        defer { client.shutdown() }
        guard let services = try? await client.agentServices() else { return nil }
        return services.values.filter { $0.tags.contains(RegistryOptions.ownershipTag) }.map(\.id)
    }
}

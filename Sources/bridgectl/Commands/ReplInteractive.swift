import ArgumentParser
import BridgeCore
import BridgeEvents
import Dispatch
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The REPL on a terminal: readline prompt (history, Tab completion), each line run as a task that
/// Ctrl-C cancels without leaving the REPL; Ctrl-D (end of input) exits 0.
struct ReplInteractive {
    let session: ReplSession
    let historyPath: String

    func run() async -> Int32 {
        let interrupts = InterruptRouter()
        let cache = CompletionCache()
        let tree = Self.commandTree()
        cache.refresh()
        LineEditor.shared.configure(historyPath: historyPath) { line, word in
            cache.refreshIfStale()
            let (topics, nodeIDs) = cache.current
            return ReplCompletion(tree: tree, topics: topics, nodeIDs: nodeIDs).candidates(line: line, word: word)
        }
        while true {
            guard let line = await LineEditor.shared.readLine(prompt: session.prompt) else {
                StandardStreams.output("")
                return 0
            }
            LineEditor.shared.remember(line)
            let session = self.session
            let task = Task { await session.execute(line: line) }
            interrupts.running(task)
            let outcome = await task.value
            if interrupts.running(nil) {
                // The terminal echoed ^C without a newline: the next prompt starts on a line of its own.
                StandardStreams.output("")
            }
            fflush(nil)
            if outcome == .exit { return 0 }
            if case .status(let code) = outcome, code == ExitStatus.interrupted.rawValue {
                StandardStreams.error("bridgectl: interrupted")
            }
        }
    }

    /// The tree of commands and options, from the parser's own description of itself.
    static func commandTree() -> ReplCommandTree {
        do {
            _ = try Bridgectl.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let text = Bridgectl.fullMessage(for: error)
            if let json = try? JSONParser.parse(Array(text.utf8)), let tree = ReplCommandTree.parse(dumpHelp: json) {
                return tree
            }
        }
        return ReplCommandTree(name: "bridgectl")
    }
}

/// Routes SIGINT while the REPL runs: it cancels the running command's task; with no command
/// running it clears the line being edited. libdispatch's handler stays installed, so
/// Ctrl-C never ends the REPL process itself.
///
/// `@unchecked Sendable`: `source` is set once in init and only cancelled in deinit; the task slot is
/// behind a Mutex.
final class InterruptRouter: @unchecked Sendable {
    private let current = Mutex<Task<ReplSession.Outcome, Never>?>(nil)
    private let interrupted = Atomic<Bool>(false)
    private let source: any DispatchSourceSignal

    init() {
        let source = DispatchSource.makeSignalSource(
            signal: SIGINT, queue: DispatchQueue(label: "bridgectl.repl.sigint"))
        self.source = source
        source.setEventHandler { [weak self] in
            guard let self else { return }
            guard let task = self.current.withLock({ $0 }) else {
                LineEditor.shared.interrupt()
                return
            }
            self.interrupted.store(true, ordering: .relaxed)
            task.cancel()
        }
        source.resume()
    }

    deinit { source.cancel() }

    /// Sets the running task (nil when it ended); returns whether Ctrl-C was pressed while the
    /// previous one ran.
    @discardableResult
    func running(_ task: Task<ReplSession.Outcome, Never>?) -> Bool {
        current.withLock { $0 = task }
        return interrupted.exchange(false, ordering: .relaxed)
    }
}

/// Topic names (from the broker's metadata) and node ids (from PostgreSQL, else Consul) for Tab
/// completion: fetched in the background, kept for 10 s, failures silent (completion just offers
/// less).
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
                state.fetchedAt = .now
                state.fetching = false
            }
        }
    }

    private static func topics(_ source: ConfigurationSource, _ logger: Logger) async -> [String]? {
        guard let settings = try? KafkaSettings.resolve(brokers: nil, properties: [], source: source),
            let consumer = try? KafkaConsumer(
                settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-completion"), logger: logger)
        else { return nil }
        let metadata = try? await consumer.metadata(timeout: .seconds(2))
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

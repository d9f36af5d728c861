import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

struct RegistryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the registry until SIGTERM or SIGINT.",
        discussion: """
            Consumes the introspection and heartbeat topics in consumer group --group, refuses events that \
            break the contract (to <topic>.dlq with the reason), applies the newest event per node to Consul \
            (a service with a TTL check of 3 x the node's heartbeat interval) and PostgreSQL (node_registrations), \
            and commits offsets only once both stores hold the effects (or PostgreSQL records the Consul side \
            as pending). It applies the schema on start, registers itself (node type effect, role registry), \
            heartbeats, and asks every node to announce again. /health and /metrics are served on --port.

            Several registries with the same --group and --environment split the partitions between them; \
            each judges (stale, evict, Consul drift) only the nodes whose partitions it holds, and a registry \
            that dies is replaced by the others once its session times out. Each commit carries the \
            registry's id, shown per partition by 'bridgectl inspect kafka --group <group>'. Environments \
            sharing a broker, a Consul agent and a database each need their own registry and group; an \
            event for a node id another environment registered goes to the DLQ.

            Examples:
              bridgectl registry run
              bridgectl registry run --environment staging --consul-service-name '{node_id}'
              bridgectl registry run --brokers kafka:9092 --consul consul:8500 --postgres-url postgres://…
            """)

    @Option(name: .long, help: "This registry's id, also its node id (default: registry-<host>-<port>).")
    var registryID: String?

    @Option(
        name: .long,
        help:
            "The Kafka consumer group (default: bridge-registry-group; bridge-registry-group.<environment> outside dev)."
    )
    var group: String?

    @Option(name: .long, help: "The environment served; others are skipped (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Option(name: .long, help: "The HTTP port for /health and /metrics (0: any free port; default: 8062).")
    var port: Int = RegistryRunConfiguration.defaultPort

    @Option(name: .long, help: "The address the HTTP server listens on (default: 127.0.0.1).")
    var bind: String = "127.0.0.1"

    @Option(name: .long, help: "The host named in the registry's own endpoints (default: the bind address).")
    var advertiseHost: String?

    @Option(
        name: .long,
        help:
            "Consul service name template over {node_id}, {node_type}, {environment}, {node_role} (default: {node_type})."
    )
    var consulServiceName: String = ConsulServiceNameTemplate.standard.text

    @Option(name: .long, help: "The check registered for each node: ttl (passed on heartbeats) or http (default: ttl).")
    var consulCheck: String = RegistryOptions.CheckKind.ttl.rawValue

    @Option(
        name: .long,
        help:
            "Seconds after which Consul removes a node whose check stays critical (default: off; eviction is the registry's)."
    )
    var deregisterCriticalAfter: Int?

    @Option(
        name: .long,
        help:
            "The registry's heartbeat interval and the default for nodes that do not announce one (default: HEARTBEAT_INTERVAL_SECONDS, else 30)."
    )
    var heartbeatInterval: Double?

    @Option(name: .long, help: "The most messages applied as one batch (default: 2000).")
    var batchSize: Int = 2_000

    @Option(name: .long, help: "Parallel Consul requests (default: 8).")
    var consulConcurrency: Int = 8

    @Option(name: .long, help: "The answer window (ms) of the registry's introspection requests (default: 5000).")
    var responseTimeoutMs: Int64 = 5_000

    @Option(
        name: .long, help: "Seconds without a heartbeat before a node is stale (default: 3 x its heartbeat interval).")
    var staleAfter: Double?

    @Option(name: .long, help: "Seconds without a heartbeat before a node is evicted from both stores (default: 300).")
    var evictAfter: Double = 300

    @Option(
        name: .long,
        help: "Evict nobody while more than this fraction of live nodes is silent at once (default: 0.3).")
    var evictionPauseFraction: Double = 0.3

    @Option(name: .long, help: "Seconds between comparisons of Consul with PostgreSQL (drift repair; default: 30).")
    var consulSyncInterval: Double = 30

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var consul: ConsulOptions
    @OptionGroup var postgres: PostgresOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; accepted: 0 to 65535.")
        }
        guard RegistryOptions.CheckKind(rawValue: consulCheck) != nil else {
            throw ValidationError("--consul-check \(consulCheck) is not a check kind; accepted: ttl, http.")
        }
        guard (1...100_000).contains(batchSize) else {
            throw ValidationError("--batch-size \(batchSize) is out of range; accepted: 1 to 100000.")
        }
        guard (1...64).contains(consulConcurrency) else {
            throw ValidationError("--consul-concurrency \(consulConcurrency) is out of range; accepted: 1 to 64.")
        }
        guard (1...30_000).contains(responseTimeoutMs) else {
            throw ValidationError("--response-timeout-ms \(responseTimeoutMs) is out of range; accepted: 1 to 30000.")
        }
        for (flag, value) in [("--evict-after", evictAfter), ("--consul-sync-interval", consulSyncInterval)]
        where !(value > 0 && value.isFinite) {
            throw ValidationError("\(flag) \(value) is not valid; accepted: seconds greater than 0.")
        }
        if let staleAfter, !(staleAfter > 0 && staleAfter.isFinite) {
            throw ValidationError("--stale-after \(staleAfter) is not valid; accepted: seconds greater than 0.")
        }
        guard evictionPauseFraction > 0, evictionPauseFraction <= 1 else {
            throw ValidationError(
                "--eviction-pause-fraction \(evictionPauseFraction) is out of range; accepted: greater than 0, at most 1."
            )
        }
        if let deregisterCriticalAfter, deregisterCriticalAfter < 1 {
            throw ValidationError(
                "--deregister-critical-after \(deregisterCriticalAfter) is not valid; accepted: seconds of at least 1.")
        }
        if let registryID, let problem = ContractRules.registryIDProblem(registryID) {
            throw ValidationError(
                "--registry-id \(problem); accepted: 1-128 characters of A-Z a-z 0-9 _ - (a registry_id).")
        }
    }

    func run() async throws {
        HeapPolicy.applyForLongRunningService()
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.registry")
        try await CommandFailure.reporting {
            let source = ConfigurationSource.process()
            let environment = try EnvironmentName.resolve(self.environment, source: source)
            let node = try NodeSettings.resolve(heartbeatInterval: heartbeatInterval, source: source)
            let serviceName = try ConsulServiceNameTemplate(consulServiceName)
            let options = RegistryOptions(
                registryID: registryID ?? Self.defaultRegistryID(port: port), environment: environment,
                serviceName: serviceName,
                checkKind: RegistryOptions.CheckKind(rawValue: consulCheck) ?? .ttl,
                defaultHeartbeatIntervalSeconds: node.heartbeatIntervalSeconds,
                deregisterCriticalAfterSeconds: deregisterCriticalAfter)
            let kafkaSettings = try kafka.settings(source)
            let topics = try TopicNames.resolve(source: source)
            let consulSettings = try consul.settings(source)
            let groupID = group ?? RegistryRunConfiguration.defaultGroupID(environment: environment)
            let configuration = RegistryRunConfiguration(
                kafka: kafkaSettings, topics: topics, consul: consulSettings, postgres: postgres.settings(source),
                options: options, groupID: groupID, bindHost: bind, port: port, advertisedHost: advertiseHost,
                batchSize: batchSize,
                consulConcurrency: consulConcurrency, requestResponseTimeoutMilliseconds: responseTimeoutMs,
                staleAfterSeconds: staleAfter, evictAfterSeconds: evictAfter,
                evictionPauseFraction: evictionPauseFraction, consulSyncIntervalSeconds: consulSyncInterval)
            let service = RegistryService(configuration: configuration, logger: logger) { boundPort in
                StandardStreams.output(
                    "registry \(options.registryID): listening on http://\(bind):\(boundPort) (environment \(environment), group \(groupID))"
                )
                fflush(nil)
            }
            let serviceGroup = ServiceGroup(
                configuration: .init(
                    services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await serviceGroup.run()
        }
    }

    /// Stable across restarts on one machine and port, distinct between registries on one machine.
    static func defaultRegistryID(port: Int) -> String {
        let host = DevConsulConfiguration.hostName().prefix { $0 != "." }
        var cleaned = ""
        for character in host {
            cleaned.append(character.isASCII && (character.isLetter || character.isNumber) ? character : "-")
        }
        return "registry-\(cleaned.isEmpty ? "localhost" : cleaned)-\(port)"
    }
}

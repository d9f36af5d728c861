import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging
import ServiceLifecycle

struct HeartbeatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeat",
        abstract: "Publish NODE_HEARTBEAT events for a node.",
        discussion: """
            Publishes --count heartbeats, --interval seconds apart, each validated against the contract and \
            acknowledged by the broker within --timeout (else exit 69). uptime_seconds starts at --uptime and \
            grows with the time this command has run. SIGTERM or SIGINT stops between heartbeats.

            Examples:
              bridgectl heartbeat --node-id effect-test-1 --node-type effect --count 2 --interval 0.5
              bridgectl heartbeat --node-id r-1 --node-type reducer --status degraded --active-operations 4
            """)

    @Option(name: .long, help: "The node's id.")
    var nodeID: String

    @Option(name: .long, help: "effect, compute, reducer or orchestrator.")
    var nodeType: String

    @Option(name: .long, help: "healthy, degraded, unhealthy, critical or recovering.")
    var status: String = HealthStatus.healthy.rawValue

    @Option(name: .long, help: "How many heartbeats to publish.")
    var count: Int = 1

    @Option(name: .long, help: "Seconds between heartbeats (default: HEARTBEAT_INTERVAL_SECONDS, else 30).")
    var interval: Double?

    @Option(name: .long, help: "uptime_seconds of the first heartbeat.")
    var uptime: Int64 = 0

    @Option(name: .long, help: "active_operations to report.")
    var activeOperations: Int64 = 0

    @Option(name: .long, help: "The node's identity generation, an integer of at least 1 (default: omitted).")
    var epoch: Int64?

    @Option(
        name: .long,
        help: "A metadata entry as key=json (repeatable); a value that is not JSON is a string (default: none).")
    var metadata: [String] = []

    @Option(name: .long, help: "The envelope's environment (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Option(name: .long, help: "Publish to this topic instead of the contract's (default: the heartbeat topic).")
    var topic: String?

    @Option(name: .long, help: "Seconds to wait for each acknowledgement.")
    var timeout: Double = 10

    @Option(name: .long, help: "Output format: table, ndjson or json.")
    var output: OutputFormat = .table

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard count >= 1 else {
            throw ValidationError("--count \(count) is not valid; accepted: a number of heartbeats of at least 1.")
        }
        guard output != .raw else {
            throw ValidationError("--output raw is not available here; accepted: table, ndjson, json.")
        }
        guard timeout > 0, timeout.isFinite, timeout <= 3600 else {
            throw ValidationError("--timeout \(timeout) is not valid; accepted: seconds greater than 0, at most 3600.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.heartbeat")
        try await CommandFailure.reporting {
            let source = ConfigurationSource.process()
            let spacing = try source.seconds(
                interval, "HEARTBEAT_INTERVAL_SECONDS", default: NodeSettings.defaultHeartbeatInterval)
            var fields = HeartbeatFields(
                nodeID: nodeID, nodeType: nodeType, healthStatus: status, uptimeSeconds: uptime,
                activeOperations: activeOperations, epoch: epoch)
            for text in metadata {
                let (key, value) = try KeyValueArgument.json(text, flag: "--metadata")
                fields.metadata[key] = value
            }
            let envelope = ContractEventBuilder.Envelope(
                environment: try EnvironmentName.resolve(environment, source: source),
                sourceVersion: BridgectlVersion.current)
            // Validate before connecting: a bad flag is exit 65 whether or not Kafka is up.
            _ = try ContractEventBuilder.build(type: .nodeHeartbeat, payload: fields.payload(), envelope: envelope)
            let milliseconds = Int(timeout * 1000)
            let producer = try KafkaProducer(
                settings: try kafka.settings(source),
                options: KafkaProducerOptions(
                    clientID: "bridgectl-heartbeat", deliveryTimeoutMilliseconds: milliseconds),
                logger: logger)
            let loop = HeartbeatLoop(
                publisher: EventPublisher(producer: producer, topics: try TopicNames.resolve(source: source)),
                fields: fields, envelope: envelope, count: count, spacing: .milliseconds(Int64(spacing * 1000)),
                timeout: .milliseconds(Int64(milliseconds)), topic: topic, output: output)
            let services = ServiceGroup(
                configuration: .init(
                    services: [.init(service: loop, successTerminationBehavior: .gracefullyShutdownGroup)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await services.run()
        }
    }
}

/// Publishes the heartbeats and prints each acknowledgement; graceful shutdown ends the wait.
private struct HeartbeatLoop: Service {
    let publisher: EventPublisher
    let fields: HeartbeatFields
    let envelope: ContractEventBuilder.Envelope
    let count: Int
    let spacing: Duration
    let timeout: Duration
    let topic: String?
    let output: OutputFormat

    func run() async throws {
        let out = OutputBuffer()
        let started = ContinuousClock.now
        if output == .table { out.line(PublishedEventOutput.rowHeader) }
        if output == .json { out.line("[") }
        for index in 0..<count {
            var fields = self.fields
            fields.uptimeSeconds += Int64((ContinuousClock.now - started).components.seconds)
            let event = try ContractEventBuilder.build(
                type: .nodeHeartbeat, payload: fields.payload(), envelope: envelope)
            let published = try await publisher.publish(event, topic: topic, timeout: timeout)
            switch output {
            case .table: out.line(PublishedEventOutput.row(published))
            case .json: out.line((index > 0 ? "," : "") + JSONWriter.string(published.json()))
            default: out.line(JSONWriter.string(published.json()))
            }
            out.flush()
            guard index < count - 1 else { break }
            // Shutdown cancels the sleep; what was published stays published.
            guard (try? await cancelWhenGracefulShutdown { try await Task.sleep(for: spacing) }) != nil else { break }
        }
        if output == .json { out.line("]") }
        out.flush()
    }
}

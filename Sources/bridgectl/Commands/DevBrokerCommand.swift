import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging
import ServiceLifecycle

struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "An embedded Kafka broker (librdkafka's mock cluster) on a fixed port.",
        discussion: """
            'bridgectl dev broker' runs the broker ('run' is the default subcommand); 'down' and 'up' take its \
            brokers off and on the network through its admin endpoint, keeping their data.

            Examples:
              bridgectl dev broker --partitions 12
              bridgectl dev broker down --broker all
              bridgectl dev broker up --broker all
            """,
        subcommands: [DevBrokerRunCommand.self, DevBrokerDownCommand.self, DevBrokerUpCommand.self],
        defaultSubcommand: DevBrokerRunCommand.self
    )
}

struct DevBrokerRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the broker until SIGTERM or SIGINT.",
        discussion: """
            Creates the contract's topics and their DLQs (names from KAFKA_TOPIC_PREFIX, KAFKA_*_TOPIC and \
            KAFKA_DLQ_SUFFIX) with --partitions partitions each, and serves bootstrap.servers on 127.0.0.1:--port. \
            Retention is bounded: \(DevBroker.retentionCap). All data lives in this process and ends with it.
            """)

    @Option(name: .long, help: "The fixed bootstrap port on 127.0.0.1 (0: any free port).")
    var port: Int = DevBrokerConfiguration.defaultPort

    @Option(name: .long, help: "The admin endpoint's port on 127.0.0.1 (used by 'dev broker down|up').")
    var adminPort: Int = DevBrokerConfiguration.defaultAdminPort

    @Option(name: .long, help: "How many mock brokers to run.")
    var brokers: Int = 1

    @Option(name: .long, help: "Partitions of each pre-created topic.")
    var partitions: Int = DevBrokerConfiguration.defaultPartitions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.dev-broker")
        try await CommandFailure.reporting {
            let topics = try TopicNames.resolve(source: .process())
            let broker = try await DevBroker.start(
                DevBrokerConfiguration(
                    port: port, adminPort: adminPort, brokerCount: brokers, partitions: partitions, topics: topics.all),
                logger: logger)
            let output = OutputBuffer()
            let count = broker.brokers.count
            output.line(
                "bridgectl dev broker: librdkafka \(KafkaLibraryVersion.current) mock cluster, \(count) broker\(count == 1 ? "" : "s")"
            )
            output.line("bootstrap: \(broker.bootstrap)")
            output.line("brokers: " + broker.brokers.map { "\($0.id)=\($0.address)" }.joined(separator: " "))
            if let adminPort = broker.adminPort {
                output.line(
                    "admin: http://127.0.0.1:\(adminPort) (bridgectl dev broker down|up --admin-port \(adminPort))")
            }
            output.line("topics: \(topics.all.count), \(partitions) partitions each")
            for topic in topics.all { output.line("  " + topic) }
            for line in TableText.wrap("retention: \(DevBroker.retentionCap)", width: 80) { output.line(line) }
            output.line("ready")
            output.flush()
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: broker)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

/// `--broker` and `--admin-port` of `dev broker down|up`.
struct DevBrokerAdminOptions: ParsableArguments {
    @Option(name: .long, help: "Which broker: an id (1, 2, …) or all.")
    var broker: String = "all"

    @Option(name: .long, help: "The admin port of the running 'dev broker'.")
    var adminPort: Int = DevBrokerConfiguration.defaultAdminPort

    @Option(name: .long, help: "Output format: table or json.")
    var output: OutputFormat = .table

    func send(up: Bool) async throws {
        try await CommandFailure.reporting {
            let selection = try BrokerSelection(parsing: broker)
            let states = try await DevBrokerAdminClient.send(.set(selection, up: up), port: adminPort)
            let out = OutputBuffer()
            switch output {
            case .json, .ndjson:
                out.line(
                    JSONWriter.string(
                        .array(
                            states.map {
                                ["id": .int(Int64($0.id)), "address": .string($0.address), "up": .bool($0.up)]
                            })))
            case .table, .raw:
                out.line("BROKER  ADDRESS          STATE")
                for state in states {
                    out.line(
                        TableText.pad(String(state.id), 7) + " " + TableText.pad(state.address, 16) + " "
                            + (state.up ? "up" : "down"))
                }
            }
            out.flush()
        }
    }
}

struct DevBrokerDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Take brokers of a running 'dev broker' off the network (their data stays).")

    @OptionGroup var options: DevBrokerAdminOptions

    func run() async throws { try await options.send(up: false) }
}

struct DevBrokerUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Bring brokers of a running 'dev broker' back on the network.")

    @OptionGroup var options: DevBrokerAdminOptions

    func run() async throws { try await options.send(up: true) }
}

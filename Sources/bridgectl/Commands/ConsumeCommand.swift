import ArgumentParser
import BridgeCore
import Logging
import ServiceLifecycle

struct ConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Read topics like kcat, decoding contract envelopes.",
        subcommands: [ConsumeTopicCommand.self]
    )
}

struct ConsumeTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic",
        abstract: "Print the messages of one topic.",
        discussion: """
            Without --group the partitions are read directly (assign mode) from -o. With --group the topic is read \
            as a member of that consumer group, and what was printed is committed; -o beginning|end then says where \
            to start in partitions the group has no committed offset for. Contract topics are decoded: the value is \
            shown as its JSON object, and a message that breaks the contract is shown with the contract's error. \
            DLQ topics show the bridge.error header. An offset that retention dropped is an error, never a silent \
            jump.

            Examples:
              bridgectl consume topic node-introspection.v1 -e
              bridgectl consume topic node-heartbeat.v1 -o -5 -e --output table
              bridgectl consume topic node-introspection.v1.dlq -e -f '%k %h %s\\n'
            """)

    @Argument(help: "The topic to read.")
    var topic: String

    @Option(
        name: .customShort("o"), parsing: .unconditional,
        help: ArgumentHelp(
            "Start: beginning, end, stored, an offset N, or -N (N before the end); default: beginning, or stored with --group.",
            valueName: "offset")
    )
    var offset: String?

    @Flag(name: .customShort("e"), help: "Exit when the end of every partition is reached.")
    var exitAtEnd = false

    @Option(
        name: .customShort("n"),
        help: ArgumentHelp("Exit after this many messages (default: no limit).", valueName: "count"))
    var count: Int?

    @Option(
        name: .customShort("p"),
        help: ArgumentHelp("Read only this partition (default: every partition).", valueName: "partition"))
    var partition: Int32?

    @Option(
        name: .long,
        help:
            "Read as a member of this consumer group, committing what was printed (default: no group, nothing committed)."
    )
    var group: String?

    @Option(name: .long, help: "Output format: ndjson, json, table or raw (the value, one per line).")
    var output: OutputFormat = .ndjson

    @Option(
        name: .customShort("f"),
        help: ArgumentHelp(
            "kcat format: %t topic, %p partition, %o offset, %k key, %K key length, %s value, %S value length, %T timestamp, %h headers; takes precedence over --output (default: none).",
            valueName: "format"))
    var format: String?

    @Option(name: .long, help: "Seconds to wait for Kafka's metadata.")
    var timeout: Double = 10

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        if let count, count < 1 {
            throw ValidationError("-n \(count) is not a count; accepted: a number of messages of at least 1.")
        }
        if let partition, partition < 0 {
            throw ValidationError("-p \(partition) is not a partition; accepted: 0 or more.")
        }
        if group != nil && partition != nil {
            throw ValidationError("-p cannot be combined with --group (the group assigns partitions); drop one.")
        }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout \(timeout) is not valid; accepted: a number of seconds greater than 0.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.consume")
        try await CommandFailure.reporting {
            let settings = try kafka.settings()
            let start = try offset.map { text throws(BridgeError) in try KafkaStartOffset(parsing: text) }
            let style = try self.style()
            let role = try TopicNames.resolve(source: .process()).role(of: topic)
            var initialPosition = KafkaInitialPosition.beginning
            if group != nil {
                switch start {
                case .end: initialPosition = .end
                case .absolute, .tail:
                    throw BridgeError.usage(
                        "-o \(start!) needs assign mode (no --group); with --group use -o beginning, end or stored.")
                default: break
                }
            } else if start == .stored {
                throw BridgeError.usage("-o stored reads a group's committed offsets; give the group with --group.")
            }
            let needsHeaders: Bool
            switch style {
            case .format(let format): needsHeaders = format.needsHeaders
            default: needsHeaders = true
            }
            let consumer = try KafkaConsumer(
                settings: settings,
                options: KafkaConsumerOptions(
                    clientID: "bridgectl-consume", groupID: group, initialPosition: initialPosition,
                    reportEndOfPartition: exitAtEnd, readHeaders: needsHeaders),
                logger: logger)
            let seconds = Duration.milliseconds(Int64(timeout * 1000))
            let metadata = try await consumer.metadata(timeout: seconds)
            guard let topicMetadata = metadata.topic(topic), topicMetadata.error == nil else {
                throw BridgeError.failure(
                    "Topic \(topic) does not exist on Kafka at \(settings.brokers); list the topics with 'bridgectl inspect kafka'."
                )
            }
            var partitions = topicMetadata.topicPartitions
            if let partition {
                guard partitions.contains(TopicPartition(topic: topic, partition: partition)) else {
                    throw BridgeError.usage(
                        "Topic \(topic) has no partition \(partition); accepted: 0-\(partitions.count - 1).")
                }
                partitions = [TopicPartition(topic: topic, partition: partition)]
            }
            if group != nil {
                try consumer.subscribe([topic])
            } else {
                // Asking for the watermarks also waits until the leaders are connected.
                let marks = try await consumer.watermarks(partitions, timeout: seconds)
                let begin = start ?? .beginning
                try consumer.assign(
                    marks.map { mark in
                        TopicPartitionOffset(
                            mark.topicPartition,
                            offset: begin.resolved(low: mark.low, high: mark.high) ?? begin.librdkafkaValue)
                    })
            }
            let out = OutputBuffer()
            let session = ConsumeSession(
                style: style, renderer: ConsumedMessageRenderer(role: role), output: out, limit: count,
                exitAtEnd: exitAtEnd, consumer: consumer, grouped: group != nil)
            session.begin()
            let stop = KafkaStopFlag()
            let reader = ConsumeLoopService(consumer: consumer, stop: stop, session: session)
            let services = ServiceGroup(
                configuration: .init(
                    services: [.init(service: reader, successTerminationBehavior: .gracefullyShutdownGroup)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await services.run()
            session.finish()
            if group != nil {
                try await consumer.commit()
            }
            await consumer.close()
            if let failure = session.failure { throw failure }
        }
    }

    private func style() throws(BridgeError) -> ConsumeSession.Style {
        if let format { return .format(try KcatFormat(parsing: format)) }
        switch output {
        case .raw: return .format(.valuePerLine)
        case .ndjson: return .ndjson
        case .json: return .json
        case .table: return .table
        }
    }
}

/// Runs the read loop until it ends by itself (-e, -n, an error) or SIGTERM/SIGINT asks it to stop.
private struct ConsumeLoopService: Service {
    let consumer: KafkaConsumer
    let stop: KafkaStopFlag
    let session: ConsumeSession

    func run() async throws {
        let (consumer, stop, session) = (self.consumer, self.stop, self.session)
        try await withGracefulShutdownHandler {
            try await consumer.consumeLoop(stop: stop, viewer: { session.view($0) }) { session.handle($0) }
        } onGracefulShutdown: {
            stop.stop()
        }
    }
}

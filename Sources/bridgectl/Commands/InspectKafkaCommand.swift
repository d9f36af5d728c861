import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct InspectKafkaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Topics, partitions, end offsets; a consumer group's committed offsets, lag and members.",
        discussion: """
            Offsets come from Metadata and ListOffsets; a group's committed offsets from OffsetFetch, asked \
            without joining the group. Members and their assignments need DescribeGroups, which librdkafka's \
            mock broker (dev broker) does not have: the output says so instead.

            Examples:
              bridgectl inspect kafka
              bridgectl inspect kafka --group bridge-registry-group --partitions
            """)

    @Option(
        name: .long,
        help: "A consumer group to show committed offsets, lag and members for (default: none, topics only).")
    var group: String?

    @Option(name: .long, help: "Only this topic (repeatable; default: every topic).")
    var topic: [String] = []

    @Flag(name: .long, help: "One row per partition instead of one per topic.")
    var partitions = false

    @Option(name: .long, help: "Output format: table or json.")
    var output: OutputFormat = .table

    @Option(name: .long, help: "Seconds to wait for Kafka.")
    var timeout: Double = 10

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not available here; accepted: table, json.")
        }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("--timeout \(timeout) is not valid; accepted: a number of seconds greater than 0.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let inspection = try await KafkaInspector.inspect(
                settings: try kafka.settings(), group: group, topics: topic.isEmpty ? nil : Set(topic),
                timeout: .milliseconds(Int64(timeout * 1000)), logger: Logger(label: "bridgectl.kafka"))
            let out = OutputBuffer()
            if output == .json {
                out.line(JSONWriter.string(inspection.json()))
            } else {
                for line in inspection.tableLines(partitions: partitions) { out.line(line) }
            }
            out.flush()
        }
    }
}

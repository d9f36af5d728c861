import BridgeCore
import BridgeEvents

/// One `consume topic` read: turns each consumer event into output and decides when to stop
/// (`-n`, `-e`, an offset that fell out of the log). Its `handle` runs on the consumer's queue.
///
/// `@unchecked Sendable`: used by the consumer's queue while the loop runs and by the command only
/// before it starts and after it ended, never by both at once.
final class ConsumeSession: @unchecked Sendable {
    enum Style {
        case format(KcatFormat)
        case ndjson, json, table
    }

    private let style: Style
    private let renderer: ConsumedMessageRenderer
    private let output: OutputBuffer
    private let limit: Int?
    private let exitAtEnd: Bool
    private let consumer: KafkaConsumer
    private let grouped: Bool
    private var tracker = EndOfPartitionTracker()
    private var lastCommit = ContinuousClock.now
    private var separator = ""
    private(set) var count = 0
    private(set) var failure: BridgeError?

    init(
        style: Style, renderer: ConsumedMessageRenderer, output: OutputBuffer, limit: Int?, exitAtEnd: Bool,
        consumer: KafkaConsumer, grouped: Bool
    ) {
        self.style = style
        self.renderer = renderer
        self.output = output
        self.limit = limit
        self.exitAtEnd = exitAtEnd
        self.consumer = consumer
        self.grouped = grouped
    }

    func begin() {
        switch style {
        case .json: output.append(Array("[".utf8))
        case .table: output.line(ConsumedMessageRenderer.tableHeader)
        default: break
        }
    }

    func finish() {
        if case .json = style { output.line(separator.isEmpty ? "]" : "\n]") }
        output.flush()
    }

    /// A message read in place: printed straight from librdkafka's buffer in the kcat formats
    /// (`-f`, `--output raw`), copied for the others. Returns false to stop the loop.
    func view(_ message: KafkaMessageView) -> Bool {
        guard case .format(let format) = style else { return handle(.message(message.copy())) }
        tracker.received(message.position.topicPartition)
        output.appending { format.render(message, into: &$0) }
        count += 1
        if grouped { remember(message.position) }
        if let limit, count >= limit { return false }
        return !output.broken
    }

    /// Returns false to stop the loop.
    func handle(_ event: KafkaConsumerEvent) -> Bool {
        switch event {
        case .message(let message):
            tracker.received(message.position.topicPartition)
            write(message)
            count += 1
            if grouped { remember(message.position) }
            if let limit, count >= limit { return false }
        case .endOfPartition(let position):
            tracker.reachedEnd(position.topicPartition)
            if exitAtEnd && tracker.allAtEnd { return false }
        case .assigned(let partitions):
            tracker.assign(partitions)
        case .revoked(let partitions):
            tracker.revoke(partitions)
        case .offsetOutOfRange(let position, let detail):
            failure = .failure(
                "\(position.topicPartition) has no offset \(position.offset) any more (\(detail)): retention dropped "
                    + "it or it is past the end; start elsewhere with -o beginning or -o end.")
            return false
        case .error(let error):
            if error.isUnknownTopic {
                failure = .failure("\(error.description); list the topics with 'bridgectl inspect kafka'.")
                return false
            }
            StandardStreams.error("bridgectl: warning: Kafka: \(error.description)")
        }
        return !output.broken
    }

    private func write(_ message: KafkaMessage) {
        switch style {
        case .format(let format):
            output.appending { format.render(message, into: &$0) }
        case .ndjson:
            output.line(JSONWriter.string(renderer.json(message)))
        case .json:
            output.append(Array((separator + "\n").utf8) + JSONWriter.bytes(renderer.json(message)))
            separator = ","
        case .table:
            output.line(renderer.tableRow(message))
        }
    }

    /// Group mode: what was printed counts as consumed; committed about once a second and at the end.
    private func remember(_ position: TopicPartitionOffset) {
        do {
            try consumer.store([position])
        } catch {
            StandardStreams.error("bridgectl: warning: \(error.message)")
        }
        let now = ContinuousClock.now
        if now - lastCommit > .seconds(1) {
            consumer.commitInBackground()
            lastCommit = now
        }
    }
}

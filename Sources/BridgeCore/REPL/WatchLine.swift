import BridgeEvents
import Foundation

/// One line of the REPL's `watch` per message on a contract topic or its DLQ: when, where, and
/// whether it decodes (`ok` with the event's summary, `INVALID` with the contract's reason, or `DLQ`
/// with the registry's reason).
public enum WatchLine {
    public static func render(_ message: KafkaMessage, topics: TopicNames) -> String {
        let renderer = ConsumedMessageRenderer(role: topics.role(of: message.topic))
        let status: String
        switch renderer.verdict(message) {
        case .event(let envelope):
            let node = envelope.payload.nodeID.map { " " + $0 } ?? ""
            status = "ok " + ConsumedMessageRenderer.summary(envelope) + node
        case .violation(let reason): status = "INVALID " + reason
        case .deadLetter(let reason): status = "DLQ " + (reason ?? "(no bridge.error header)")
        case .plain: status = "(not a contract topic)"
        }
        return
            "\(clock(message.timestampMilliseconds)) \(message.topic)[\(message.partition)]@\(message.offset) \(status)"
    }

    /// HH:MM:SS.mmm (UTC) of the broker's timestamp, or dashes without one.
    static func clock(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "--:--:--.---" }
        let dayMs = Int((milliseconds % 86_400_000 + 86_400_000) % 86_400_000)
        let h = dayMs / 3_600_000
        let m = dayMs / 60_000 % 60
        let s = dayMs / 1000 % 60
        let ms = dayMs % 1000
        return String(format: "%02d:%02d:%02d.%03d", h, m, s, ms)
    }
}

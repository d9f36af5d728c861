import BridgeCore
import BridgeEvents

/// How `introspect` and `heartbeat` print what the broker acknowledged.
enum PublishedEventOutput {
    /// `name  value` lines for one event.
    static func detailLines(_ event: PublishedEvent) -> [String] {
        var rows: [(String, String)] = [
            ("event_id", event.eventID.description), ("event_type", event.eventType.rawValue), ("key", event.key),
            ("topic", event.report.topic), ("partition", String(event.report.partition)),
            ("offset", String(event.report.offset)),
        ]
        if let correlation = event.correlationID { rows.append(("correlation_id", correlation.description)) }
        return rows.map { TableText.pad($0.0, 15) + " " + TableText.fit($0.1, 64) }
    }

    static let rowHeader =
        TableText.pad("EVENT ID", 36) + " " + TableText.right("PART", 4) + " " + TableText.right("OFFSET", 10)
        + " TOPIC"

    /// One row per event, at most 80 columns.
    static func row(_ event: PublishedEvent) -> String {
        TableText.pad(event.eventID.description, 36) + " " + TableText.right(String(event.report.partition), 4) + " "
            + TableText.right(String(event.report.offset), 10) + " " + TableText.fit(event.report.topic, 27)
    }
}

import BridgeEvents
import BridgeTestSupport
import Foundation

/// Helpers shared by the Kafka command tests.
enum KafkaCommandSupport {
    /// The non-empty lines of a command's output.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Each line parsed as a JSON object.
    static func objects(_ text: String) throws -> [[String: JSONValue]] {
        try lines(text).map { line in
            guard let object = try JSONParser.parse(line).objectValue else { throw NotAnObject(line: line) }
            return object
        }
    }

    struct NotAnObject: Error {
        let line: String
    }

    /// A contract-valid heartbeat envelope as one line of JSON.
    static func heartbeatLine(node: String, uptime: Int64 = 1) -> String {
        let envelope = EventEnvelope(
            payload: .heartbeat(
                NodeHeartbeat(
                    nodeID: node, nodeType: .effect, uptimeSeconds: uptime, lastActivityTimestamp: .now())))
        return String(decoding: EventCodec.encode(envelope), as: UTF8.self)
    }
}

import BridgeEvents

/// What `bridgectl node health` concludes from a node's `/health` answer: passing (exit 0) for
/// healthy and degraded, failing (exit 1) for unhealthy, any other answer or none, with a one-line
/// reason either way.
public struct NodeHealthVerdict: Sendable, Hashable {
    public var passes: Bool
    public var reason: String

    public init(passes: Bool, reason: String) {
        self.passes = passes
        self.reason = reason
    }

    public static func judge(url: String, status: Int, body: [UInt8]) -> NodeHealthVerdict {
        let object = (try? JSONParser.parse(String(decoding: body, as: UTF8.self)))?.objectValue
        guard let text = object?["status"]?.stringValue, let health = NodeHealth(rawValue: text) else {
            return NodeHealthVerdict(
                passes: false,
                reason: "\(url) answered \(status) without a node health status (healthy, degraded or unhealthy)")
        }
        var detail = ""
        if let kafka = object?["kafka"]?.objectValue {
            let reachable = kafka["reachable"] == .bool(true)
            detail = reachable ? "kafka reachable" : "kafka unreachable"
            if !reachable, let error = kafka["last_error"]?.stringValue { detail += " (\(error))" }
        }
        if let buffered = object?["buffered_events"]?.integerValue { detail += ", \(buffered) buffered event(s)" }
        let suffix = detail.isEmpty ? "" : ": " + detail
        switch health {
        case .healthy, .degraded:
            guard (200..<300).contains(status) else {
                return NodeHealthVerdict(
                    passes: false, reason: "\(url) answered \(status) (\(health.rawValue))\(suffix)")
            }
            return NodeHealthVerdict(passes: true, reason: "\(health.rawValue)\(suffix)")
        case .unhealthy:
            return NodeHealthVerdict(passes: false, reason: "unhealthy (\(status))\(suffix)")
        }
    }

    public static func unreachable(url: String, reason: String) -> NodeHealthVerdict {
        NodeHealthVerdict(passes: false, reason: "unreachable: \(reason)")
    }
}

import BridgeEvents
import Testing

/// One row per rule of contracts/events.md: a valid base event, one change, and the exact path the
/// rejection must name (nil: the change is accepted).
struct ContractRuleCase: CustomTestStringConvertible, Sendable {
    let name: String
    let base: JSONValue
    let path: [String]
    let value: JSONValue?
    let expectedPath: String?
    /// A fragment the "what is wrong" part must contain.
    let problem: String?

    var testDescription: String { name }

    static func reject(
        _ name: String, _ base: JSONValue, _ path: [String], _ value: JSONValue?, at expectedPath: String,
        _ problem: String? = nil
    ) -> ContractRuleCase {
        ContractRuleCase(name: name, base: base, path: path, value: value, expectedPath: expectedPath, problem: problem)
    }

    static func accept(_ name: String, _ base: JSONValue, _ path: [String], _ value: JSONValue?) -> ContractRuleCase {
        ContractRuleCase(name: name, base: base, path: path, value: value, expectedPath: nil, problem: nil)
    }
}

private let intro = EventFixtures.introspection
private let beat = EventFixtures.heartbeat
private let request = EventFixtures.request
private let shutdown = EventFixtures.shutdown
private let bigObject: JSONValue = .object(["blob": .string(String(repeating: "x", count: 70_000))])

let contractRuleCases: [ContractRuleCase] = [
    // Envelope: required fields and their forms.
    .reject("event_id missing", intro, ["event_id"], nil, at: "envelope.event_id", "missing"),
    .reject("event_id not a UUID", intro, ["event_id"], "not-a-uuid", at: "envelope.event_id", "is not a UUID"),
    .reject("event_id a number", intro, ["event_id"], 42, at: "envelope.event_id", "got number"),
    .accept("event_id upper case", intro, ["event_id"], "5B0F8F0E-3C1E-4D8C-9A57-0F6C2F3B9A11"),
    .reject("event_type missing", intro, ["event_type"], nil, at: "envelope.event_type", "missing"),
    .reject(
        "event_type unknown", intro, ["event_type"], "NODE_EXPLODED", at: "envelope.event_type", "is not an event type"),
    .reject("event_type mixed case", intro, ["event_type"], "Node_Introspection", at: "envelope.event_type"),
    .accept("event_type lower snake", intro, ["event_type"], "node_introspection"),
    .accept("event_type kebab", intro, ["event_type"], "node-introspection"),
    .reject("source_node_id missing", intro, ["source_node_id"], nil, at: "envelope.source_node_id", "missing"),
    .reject("source_node_id empty", intro, ["source_node_id"], "", at: "envelope.source_node_id"),
    .reject("payload missing", intro, ["payload"], nil, at: "payload", "missing"),
    .reject("payload not an object", intro, ["payload"], "x", at: "payload", "got string"),
    .accept("optional envelope fields absent", intro, ["envelope_version"], nil),
    .accept("event_timestamp absent (defaults to now)", intro, ["event_timestamp"], nil),
    .reject("event_timestamp malformed", intro, ["event_timestamp"], "yesterday", at: "envelope.event_timestamp"),
    .accept("event_timestamp with Z", intro, ["event_timestamp"], "2026-11-24T23:26:42Z"),
    .accept("event_timestamp without fraction", intro, ["event_timestamp"], "2026-11-24T23:26:42+00:00"),
    .reject(
        "event_timestamp impossible date", intro, ["event_timestamp"], "2026-02-30T00:00:00Z",
        at: "envelope.event_timestamp"),
    .reject("correlation_id malformed", intro, ["correlation_id"], "abc", at: "envelope.correlation_id"),
    .reject("causation_id a number", intro, ["causation_id"], 7, at: "envelope.causation_id"),
    .accept("unknown envelope key ignored", intro, ["future_field"], "anything"),
    .reject(
        "partition_key differs from node_id", intro, ["partition_key"], "someone-else", at: "envelope.partition_key"),
    .reject(
        "partition_key differs from registry_id", request, ["partition_key"], "other", at: "envelope.partition_key"),
    .accept("partition_key absent", intro, ["partition_key"], nil),
    .reject("envelope metadata not an object", intro, ["metadata"], [1, 2], at: "envelope.metadata"),
    .reject("environment a number", intro, ["environment"], 3, at: "envelope.environment"),

    // NODE_INTROSPECTION.
    .reject("node_id missing", intro, ["payload", "node_id"], nil, at: "payload.node_id", "missing"),
    .reject("node_id empty", intro, ["payload", "node_id"], "", at: "payload.node_id", "is empty"),
    .reject("node_id with slash", intro, ["payload", "node_id"], "a/b", at: "payload.node_id", "'/'"),
    .reject("node_id with space", intro, ["payload", "node_id"], "a b", at: "payload.node_id", "a space"),
    .reject("node_id with ..", intro, ["payload", "node_id"], "a..b", at: "payload.node_id", "'..'"),
    .reject("node_id starting with .", intro, ["payload", "node_id"], ".a", at: "payload.node_id"),
    .reject("node_id ending with .", intro, ["payload", "node_id"], "a.", at: "payload.node_id"),
    .reject(
        "node_id too long", intro, ["payload", "node_id"], .string(String(repeating: "a", count: 129)),
        at: "payload.node_id"),
    .reject("node_id non-ASCII", intro, ["payload", "node_id"], "nöde", at: "payload.node_id"),
    .accept(
        "node_id of 128 allowed characters", intro.setting(["partition_key"], to: nil), ["payload", "node_id"],
        .string(String(repeating: "a:b_c-d.e", count: 14) + "xx")),
    .reject("node_type missing", intro, ["payload", "node_type"], nil, at: "payload.node_type", "missing"),
    .reject("node_type unknown", intro, ["payload", "node_type"], "router", at: "payload.node_type", "\"router\""),
    .reject(
        "node_role too long", intro, ["payload", "node_role"], .string(String(repeating: "r", count: 65)),
        at: "payload.node_role"),
    .reject("node_version not semver", intro, ["payload", "node_version"], "1.0", at: "payload.node_version"),
    .reject("node_version leading zero", intro, ["payload", "node_version"], "1.02.3", at: "payload.node_version"),
    .accept("node_version with pre-release and build", intro, ["payload", "node_version"], "2.0.0-rc.1+build.5"),
    .accept("node_version absent", intro, ["payload", "node_version"], nil),
    .reject("capabilities not an object", intro, ["payload", "capabilities"], ["a"], at: "payload.capabilities"),
    .reject(
        "capabilities over 64 KiB", intro, ["payload", "capabilities"], bigObject, at: "payload.capabilities",
        "bytes of JSON"),
    .accept("capabilities open keys", intro, ["payload", "capabilities", "anything"], ["nested": [1, 2]]),
    .reject("endpoints over 64 KiB", intro, ["payload", "endpoints"], bigObject, at: "payload.endpoints"),
    .reject("endpoint not a string", intro, ["payload", "endpoints", "api"], 8060, at: "payload.endpoints.api"),
    .reject("endpoint relative URL", intro, ["payload", "endpoints", "api"], "/api", at: "payload.endpoints.api"),
    .reject("endpoint ftp URL", intro, ["payload", "endpoints", "api"], "ftp://h/x", at: "payload.endpoints.api"),
    .reject(
        "endpoint host 0.0.0.0", intro, ["payload", "endpoints", "api"], "http://0.0.0.0:8060",
        at: "payload.endpoints.api", "0.0.0.0"),
    .reject(
        "endpoint host ::", intro, ["payload", "endpoints", "api"], "http://[::]:8060", at: "payload.endpoints.api"),
    .reject(
        "endpoint port out of range", intro, ["payload", "endpoints", "api"], "http://h:70000",
        at: "payload.endpoints.api"),
    .accept("endpoint https with IPv6", intro, ["payload", "endpoints", "api"], "https://[::1]:8443/x"),
    .reject("metadata over 64 KiB", intro, ["payload", "metadata"], bigObject, at: "payload.metadata"),
    .reject(
        "broadcast_reason unknown", intro, ["payload", "metadata", "broadcast_reason"], "boredom",
        at: "payload.metadata.broadcast_reason"),
    .reject(
        "heartbeat_interval_seconds zero", intro, ["payload", "metadata", "heartbeat_interval_seconds"], 0,
        at: "payload.metadata.heartbeat_interval_seconds"),
    .reject(
        "heartbeat_interval_seconds a string", intro, ["payload", "metadata", "heartbeat_interval_seconds"], "30",
        at: "payload.metadata.heartbeat_interval_seconds"),
    .reject(
        "uptime_seconds negative", intro, ["payload", "metadata", "uptime_seconds"], -1,
        at: "payload.metadata.uptime_seconds"),
    .accept("metadata open keys", intro, ["payload", "metadata", "team"], "infra"),
    .reject(
        "payload timestamp malformed", intro, ["payload", "timestamp"], "2026-13-01T00:00:00Z", at: "payload.timestamp"),
    .reject(
        "payload correlation_id malformed", intro, ["payload", "correlation_id"], "x", at: "payload.correlation_id"),
    .reject("epoch zero", intro, ["payload", "epoch"], 0, at: "payload.epoch", "out of range"),
    .reject("epoch fractional", intro, ["payload", "epoch"], 1.5, at: "payload.epoch"),
    .reject("epoch a string", intro, ["payload", "epoch"], "1", at: "payload.epoch"),
    .reject("unknown payload key", intro, ["payload", "colour"], "blue", at: "payload.colour", "unknown field"),
    .reject("network_id a number", intro, ["payload", "network_id"], 5, at: "payload.network_id"),

    // NODE_HEARTBEAT.
    .reject(
        "heartbeat health_status unknown", beat, ["payload", "health_status"], "fine", at: "payload.health_status"),
    .reject("heartbeat health_status missing", beat, ["payload", "health_status"], nil, at: "payload.health_status"),
    .reject("heartbeat uptime negative", beat, ["payload", "uptime_seconds"], -5, at: "payload.uptime_seconds"),
    .reject("heartbeat uptime missing", beat, ["payload", "uptime_seconds"], nil, at: "payload.uptime_seconds"),
    .reject("heartbeat uptime fractional", beat, ["payload", "uptime_seconds"], 1.25, at: "payload.uptime_seconds"),
    .accept("heartbeat uptime written as float", beat, ["payload", "uptime_seconds"], 30.0),
    .reject(
        "heartbeat last_activity missing", beat, ["payload", "last_activity_timestamp"], nil,
        at: "payload.last_activity_timestamp"),
    .reject(
        "heartbeat active_operations negative", beat, ["payload", "active_operations"], -1,
        at: "payload.active_operations"),
    .accept("heartbeat active_operations absent", beat, ["payload", "active_operations"], nil),
    .reject(
        "heartbeat resource_usage unknown key", beat, ["payload", "resource_usage", "disk_gb"], 3,
        at: "payload.resource_usage.disk_gb", "unknown field"),
    .reject(
        "heartbeat resource_usage cpu a string", beat, ["payload", "resource_usage", "cpu_percent"], "high",
        at: "payload.resource_usage.cpu_percent"),
    .reject(
        "heartbeat resource_usage not an object", beat, ["payload", "resource_usage"], 3, at: "payload.resource_usage"),
    .reject("heartbeat unknown key", beat, ["payload", "mood"], "ok", at: "payload.mood", "unknown field"),
    .reject("heartbeat node_type unknown", beat, ["payload", "node_type"], "router", at: "payload.node_type"),

    // REGISTRY_REQUEST_INTROSPECTION.
    .reject("request registry_id missing", request, ["payload", "registry_id"], nil, at: "payload.registry_id"),
    .reject("request registry_id with dot", request, ["payload", "registry_id"], "reg.1", at: "payload.registry_id"),
    .reject("request reason unknown", request, ["payload", "reason"], "whim", at: "payload.reason"),
    .reject(
        "request target type unknown", request, ["payload", "target_node_types"], ["router"],
        at: "payload.target_node_types[0]"),
    .reject(
        "request target types not an array", request, ["payload", "target_node_types"], "reducer",
        at: "payload.target_node_types"),
    .accept("request target types null", request, ["payload", "target_node_types"], nil),
    .reject("request timeout zero", request, ["payload", "response_timeout_ms"], 0, at: "payload.response_timeout_ms"),
    .reject(
        "request timeout over 30000", request, ["payload", "response_timeout_ms"], 30_001,
        at: "payload.response_timeout_ms"),
    .accept("request timeout 30000", request, ["payload", "response_timeout_ms"], 30_000),
    .reject("request unknown key", request, ["payload", "node_id"], "x", at: "payload.node_id", "unknown field"),

    // NODE_SHUTDOWN.
    .reject("shutdown reason unknown", shutdown, ["payload", "reason"], "bored", at: "payload.reason"),
    .reject("shutdown reason missing", shutdown, ["payload", "reason"], nil, at: "payload.reason"),
    .reject("shutdown unknown key", shutdown, ["payload", "endpoints"], [:], at: "payload.endpoints"),
]

@Suite("Contract rules, one fixture each")
struct ContractRuleTests {
    @Test(arguments: contractRuleCases)
    func rule(_ rule: ContractRuleCase) throws {
        let event = rule.base.setting(rule.path, to: rule.value)
        let bytes = JSONWriter.bytes(event)
        let result = Result { () throws(ContractViolation) in try EventCodec.decode(bytes) }
        switch (result, rule.expectedPath) {
        case (.success, nil):
            break
        case (.success, let path?):
            Issue.record("expected a rejection at \(path), but the event was accepted")
        case (.failure(let violation), nil):
            Issue.record("expected acceptance, got: \(violation)")
        case (.failure(let violation), let path?):
            #expect(violation.path == path)
            if let problem = rule.problem {
                #expect(violation.problem.contains(problem), "problem was: \(violation.problem)")
            }
            ContractMessageForm.check(violation)
        }
    }

    @Test("every base fixture is valid and survives a round trip through the writer")
    func baseFixturesRoundTrip() throws {
        for base in [intro, beat, request, shutdown] {
            let decoded = try EventCodec.decode(JSONWriter.bytes(base))
            let reencoded = EventCodec.encode(decoded)
            let again = try EventCodec.decode(reencoded)
            #expect(again == decoded)
        }
    }
}

/// The contract's one-line form: `<path>: <what is wrong>; <what is accepted>`, path starting with
/// `envelope` or `payload`, no line breaks.
enum ContractMessageForm {
    static func check(_ violation: ContractViolation, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = violation.description
        #expect(text.hasPrefix("envelope") || text.hasPrefix("payload"), sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
        let parts = text.split(separator: ": ", maxSplits: 1)
        #expect(parts.count == 2 && parts[0] == Substring(violation.path), sourceLocation: sourceLocation)
        #expect(!violation.problem.isEmpty && !violation.accepted.isEmpty, sourceLocation: sourceLocation)
        #expect(text.contains("; "), sourceLocation: sourceLocation)
    }
}

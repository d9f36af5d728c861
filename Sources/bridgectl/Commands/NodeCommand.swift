import ArgumentParser
import BridgeCore
import BridgeEvents
import Foundation
import Logging
import ServiceLifecycle

struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run a node (or N simulated nodes) that announces itself, or check a node's health.",
        subcommands: [NodeRunCommand.self, NodeHealthCommand.self]
    )
}

struct NodeRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Announce on start, heartbeat, answer registry requests, serve /health and /metrics.",
        discussion: """
            On start the node publishes NODE_INTROSPECTION (broadcast_reason startup), then NODE_HEARTBEAT every \
            --heartbeat-interval seconds (the first at once), and answers REGISTRY_REQUEST_INTROSPECTION events \
            published after it started (those targeting its type, once per correlation id, at a random moment \
            inside the request's response_timeout_ms). ENABLE_INTROSPECTION=false or ENABLE_HEARTBEAT=false \
            switch either off. Without Kafka it keeps running degraded (/health says so, heartbeats are skipped \
            rather than queued) and announces itself again (broadcast_reason reconnect) when Kafka returns. \
            SIGTERM or SIGINT publishes NODE_SHUTDOWN, flushes and exits 0. \
            HTTP on --port: GET /health (200 healthy or degraded, 503 unhealthy), GET /metrics (Prometheus), \
            GET /introspection, PUT /control/active-operations (a number), POST /control/operations/start and \
            /finish. With --count N, N simulated nodes PREFIX-1…PREFIX-N share the producer and the port, each \
            with /nodes/ID/health, /nodes/ID/introspection and /nodes/ID/control/…, their heartbeats spread over \
            the interval. Endpoint values may use {port} and {node_id}.

            Examples:
              bridgectl node run --node-id orchestrator-test-1 --node-type orchestrator --port 8060
              bridgectl node run --count 200 --node-id-prefix sim --node-type effect --port 8070
            """)

    @Option(name: .long, help: "The node's id (default: the manifest's, else TYPE-HOSTNAME).")
    var nodeID: String?

    @Option(name: .long, help: "effect, compute, reducer or orchestrator (default: the manifest's, else orchestrator).")
    var nodeType: NodeType?

    @Option(name: .long, help: "The node's semantic version (default 1.0.0).")
    var nodeVersion: String?

    @Option(name: .long, help: "The node's role: registry, gateway, … (default: none).")
    var nodeRole: String?

    @Option(
        name: .long,
        help:
            "An endpoint as name=url (repeatable), over the standard health, api, metrics, … (default: the standard ones only)."
    )
    var endpoint: [String] = []

    @Option(
        name: .long,
        help:
            "A capability as key=json (repeatable), over the node type's standard ones (default: the standard ones only)."
    )
    var capability: [String] = []

    @Option(
        name: .long,
        help:
            "An introspection metadata entry as key=json (repeatable; default: heartbeat_interval_seconds and broadcast_reason only)."
    )
    var metadata: [String] = []

    @Option(name: .long, help: "A JSON or YAML file of introspection payload fields; flags win (default: none).")
    var manifest: String?

    @Option(
        name: .long,
        help: "The node's identity generation, an integer of at least 1 (default: omitted from the events).")
    var epoch: Int64?

    @Option(name: .long, help: "How many simulated nodes to run in this process.")
    var count: Int = 1

    @Option(name: .long, help: "With --count: ids are PREFIX-1…PREFIX-N (default: --node-id, else TYPE-sim).")
    var nodeIDPrefix: String?

    @Option(name: .long, help: "Seconds between heartbeats (default: HEARTBEAT_INTERVAL_SECONDS, else 30).")
    var heartbeatInterval: Double?

    @Option(
        name: .long,
        help: "HTTP port (default: 8060 orchestrator, 8061 reducer, 8063 effect, 8064 compute; 0: any free port).")
    var port: Int?

    @Option(name: .long, help: "The address the HTTP server listens on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Base URL of the announced endpoints (default: http://HOST:{port}).")
    var advertiseURL: String?

    @Option(name: .long, help: "The environment announced (default: ENVIRONMENT, else dev).")
    var environment: String?

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var logging: LoggingOptions

    static func defaultPort(for type: NodeType) -> Int {
        switch type {
        case .orchestrator: 8060
        case .reducer: 8061
        case .effect: 8063
        case .compute: 8064
        }
    }

    func validate() throws {
        guard (1...100_000).contains(count) else {
            throw ValidationError("--count \(count) is not valid; accepted: a number of nodes from 1 to 100000.")
        }
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port \(port) is not valid; accepted: 0 (any free port) to 65535.")
        }
        if let heartbeatInterval, !(heartbeatInterval > 0 && heartbeatInterval <= 86_400) {
            throw ValidationError(
                "--heartbeat-interval \(heartbeatInterval) is not valid; accepted: seconds greater than 0, at most 86400."
            )
        }
        if count == 1, nodeIDPrefix != nil {
            throw ValidationError("--node-id-prefix names simulated nodes; use it with --count N (N > 1).")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.node")
        try await CommandFailure.reporting {
            let source = ConfigurationSource.process()
            let settings = try NodeSettings.resolve(heartbeatInterval: heartbeatInterval, source: source)
            let spec = try fleetSpec(source: source, interval: settings.heartbeatIntervalSeconds)
            let listenPort = port ?? Self.defaultPort(for: spec.nodeType)
            try validateContract(spec, port: listenPort == 0 ? 1 : listenPort, source: source)
            let options = NodeRunnerOptions(
                settings: settings, kafka: try kafka.settings(source), topics: try TopicNames.resolve(source: source),
                sourceVersion: BridgectlVersion.current)
            let runner = try NodeRunner(spec: spec, options: options, logger: logger, started: started) { event in
                NodeOutput.line(NodeOutput.describe(event))
            }
            let host = self.host
            let first = spec.nodeIDs[0]
            let nodes = spec.isFleet ? "\(spec.nodeIDs.count) nodes \(first)…\(spec.nodeIDs.last!)" : "node \(first)"
            let server = HTTPServer(
                configuration: .init(host: host, port: listenPort), router: runner.router(), logger: logger
            ) { bound in
                NodeOutput.line("listening: http://\(host):\(bound) (\(nodes), \(spec.nodeType.rawValue))")
                runner.port.set(bound)
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: server), .init(service: runner)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    /// Flags over the manifest over the node type's standard profile.
    private func fleetSpec(source: ConfigurationSource, interval: Double) throws(BridgeError) -> NodeFleetSpec {
        var fields: [String: JSONValue] = [:]
        if let manifest { fields = try IntrospectionManifest.load(path: manifest) }
        let type: NodeType
        if let nodeType {
            type = nodeType
        } else if let name = fields["node_type"]?.stringValue {
            guard let parsed = NodeType(rawValue: name) else {
                throw .invalidData("payload.node_type: \"\(name)\" is not accepted; \(NodeType.acceptedList)")
            }
            type = parsed
        } else {
            type = .orchestrator
        }
        let single = nodeID ?? fields["node_id"]?.stringValue ?? "\(type.rawValue)-\(Self.hostName())"
        let ids =
            count == 1
            ? [single]
            : NodeFleetSpec.simulatedIDs(count: count, prefix: nodeIDPrefix ?? nodeID ?? "\(type.rawValue)-sim")
        var endpoints: [String: String] = [:]
        for (name, value) in fields["endpoints"]?.objectValue ?? [:] {
            guard let text = value.stringValue else {
                throw .invalidData("payload.endpoints.\(name): got \(value.typeName); \(EndpointURL.accepted)")
            }
            endpoints[name] = text
        }
        for text in endpoint {
            let (name, url) = try KeyValueArgument.split(text, flag: "--endpoint")
            endpoints[name] = url
        }
        var capabilities = fields["capabilities"]?.objectValue ?? [:]
        for text in capability {
            let (key, value) = try KeyValueArgument.json(text, flag: "--capability")
            capabilities[key] = value
        }
        var extraMetadata = fields["metadata"]?.objectValue ?? [:]
        for text in metadata {
            let (key, value) = try KeyValueArgument.json(text, flag: "--metadata")
            extraMetadata[key] = value
        }
        return NodeFleetSpec(
            nodeIDs: ids, nodeType: type, nodeRole: nodeRole ?? fields["node_role"]?.stringValue,
            nodeVersion: nodeVersion ?? fields["node_version"]?.stringValue ?? "1.0.0", capabilities: capabilities,
            endpoints: endpoints, metadata: extraMetadata,
            environment: try EnvironmentName.resolve(environment, source: source), heartbeatIntervalSeconds: interval,
            epoch: epoch ?? fields["epoch"]?.integerValue, advertisedHost: Self.advertisedHost(host),
            advertisedBaseURL: advertiseURL)
    }

    /// What is announced must pass the contract: checked (first and last node) before anything starts.
    private func validateContract(_ spec: NodeFleetSpec, port: Int, source: ConfigurationSource) throws(BridgeError) {
        let profiles = try spec.profiles(port: port)
        let envelope = ContractEventBuilder.Envelope(
            environment: spec.environment, sourceVersion: BridgectlVersion.current)
        for profile in Set([0, profiles.count - 1]).map({ profiles[$0] }) {
            let payload = spec.introspection(of: profile, reason: .startup, uptimeSeconds: 0)
            _ = try ContractEventBuilder.build(
                type: .nodeIntrospection, payload: payload.json().objectValue ?? [:], envelope: envelope)
        }
    }

    /// Consul refuses 0.0.0.0 and :: as service addresses: a wildcard listener announces loopback.
    static func advertisedHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "::", "[::]": "127.0.0.1"
        default: host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
    }

    static func hostName() -> String {
        let name = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        let cleaned = String(
            name.unicodeScalars.map { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
                    ? Character(scalar) : "-"
            })
        return cleaned.isEmpty ? "host" : String(cleaned.prefix(64))
    }
}

/// The lines `node run` prints, each written at once (tests and operators watch them live).
enum NodeOutput {
    static func line(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count) }
    }

    static func describe(_ event: NodeRunnerEvent) -> String {
        switch event {
        case .announced(let reason, let nodes, let milliseconds):
            let ms = (milliseconds * 10).rounded() / 10
            return
                "announced: \(reason.rawValue), \(nodes) node\(nodes == 1 ? "" : "s") acknowledged \(ms) ms after start"
        case .kafkaLost(let reason): return "kafka: unreachable, running degraded (\(reason))"
        case .kafkaReconnected: return "kafka: reachable again"
        case .stopped(let acknowledged, let nodes):
            return "stopped: \(acknowledged) of \(nodes) NODE_SHUTDOWN acknowledged"
        }
    }
}

struct NodeHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Exit 0 if a node answers healthy or degraded, 1 otherwise (for container health checks).",
        discussion: """
            Asks GET /health (or /nodes/ID/health with --node-id) and prints one line: the status and why. \
            Exit 0 for healthy or degraded, 1 for unhealthy, any other answer, or no answer within --timeout.

            Examples:
              bridgectl node health --url http://127.0.0.1:8060
            """)

    @Option(name: .long, help: "The health URL (default: http://127.0.0.1:PORT/health).")
    var url: String?

    @Option(name: .long, help: "The node's HTTP port on 127.0.0.1 (default 8060).")
    var port: Int = 8060

    @Option(name: .long, help: "With a simulated fleet: ask /nodes/ID/health (default: the process's /health).")
    var nodeID: String?

    @Option(name: .long, help: "Seconds to wait for the answer.")
    var timeout: Double = 3

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port \(port) is not valid; accepted: 1 to 65535.")
        }
        guard timeout > 0, timeout <= 300 else {
            throw ValidationError("--timeout \(timeout) is not valid; accepted: seconds greater than 0, at most 300.")
        }
        if url != nil, nodeID != nil {
            throw ValidationError("--node-id builds the URL; give either --url or --node-id, not both.")
        }
    }

    func run() async throws {
        let target = url ?? "http://127.0.0.1:\(port)" + (nodeID.map { "/nodes/\($0)/health" } ?? "/health")
        let wait = Duration.milliseconds(Int64(timeout * 1000))
        let client = CurlHTTPClient(
            configuration: .init(maximumConnections: 1, connectTimeout: wait, requestTimeout: wait))
        defer { client.shutdown() }
        let verdict: NodeHealthVerdict
        do {
            let response = try await client.send(HTTPClientRequest(method: "GET", url: target))
            verdict = NodeHealthVerdict.judge(url: target, status: response.status, body: response.body)
        } catch {
            verdict = NodeHealthVerdict.unreachable(url: target, reason: error.description)
        }
        if verdict.passes {
            NodeOutput.line(verdict.reason)
        } else {
            StandardStreams.error("bridgectl: node at \(target) is \(verdict.reason)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
    }
}

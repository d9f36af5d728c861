import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct IntrospectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "introspect",
        abstract: "Publish one NODE_INTROSPECTION (or, with --request, a REGISTRY_REQUEST_INTROSPECTION).",
        discussion: """
            The event is built from the flags (over --manifest, a JSON or YAML file of payload fields), validated \
            against the contract before anything is sent (exit 65 with the contract's error), published keyed by \
            node id, and acknowledged by the broker (acks=all) within --timeout, else exit 69. Prints the event id \
            and where it was written.

            Examples:
              bridgectl introspect --node-id reducer-1 --node-type reducer --endpoint health=http://127.0.0.1:8061/health
              bridgectl introspect --manifest node.yaml
              bridgectl introspect --request --reason manual
            """)

    @Option(name: .long, help: "The node's id, payload.node_id (required unless --manifest gives it).")
    var nodeID: String?

    @Option(name: .long, help: "effect, compute, reducer or orchestrator (required unless --manifest gives it).")
    var nodeType: String?

    @Option(name: .long, help: "The node's semantic version (default 1.0.0).")
    var nodeVersion: String?

    @Option(name: .long, help: "The node's role: registry, gateway, … (default: none).")
    var nodeRole: String?

    @Option(
        name: .long,
        help: "An endpoint as name=url (repeatable), e.g. health=http://127.0.0.1:8060/health (default: none).")
    var endpoint: [String] = []

    @Option(
        name: .long,
        help: "A capability as key=json (repeatable); a value that is not JSON is a string (default: none).")
    var capability: [String] = []

    @Option(
        name: .long,
        help: "A metadata entry as key=json (repeatable); a value that is not JSON is a string (default: none).")
    var metadata: [String] = []

    @Option(name: .long, help: "The node's identity generation, an integer of at least 1 (default: omitted).")
    var epoch: Int64?

    @Option(name: .long, help: "Why the node announces: startup, registry_request, periodic, manual (default), …")
    var broadcastReason: String = BroadcastReason.manual.rawValue

    @Option(
        name: .long,
        help: "A JSON or YAML file of payload fields (node_id, node_type, endpoints, …); flags win (default: none).")
    var manifest: String?

    @Flag(name: .long, help: "Publish a REGISTRY_REQUEST_INTROSPECTION instead: ask nodes to announce again.")
    var request = false

    @Option(name: .long, help: "With --request: only nodes of this type answer (repeatable; default: all).")
    var targetType: [String] = []

    @Option(name: .long, help: "With --request: startup, startup_rebroadcast, recovery, refresh, manual or node_join.")
    var reason: String = RequestReason.manual.rawValue

    @Option(name: .long, help: "With --request: the asking registry's id.")
    var registryID: String = IntrospectionRequestFields.defaultRegistryID

    @Option(name: .long, help: "With --request: the window (ms) in which nodes answer, 1-30000.")
    var responseTimeoutMs: Int64 = 5_000

    @Option(name: .long, help: "The envelope's environment (default: ENVIRONMENT, else dev).")
    var environment: String?

    @Option(name: .long, help: "Publish to this topic instead of the contract's (default: the introspection topic).")
    var topic: String?

    @Option(name: .long, help: "Seconds to wait for the broker's acknowledgement.")
    var timeout: Double = 10

    @Option(name: .long, help: "Output format: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var kafka: KafkaOptions
    @OptionGroup var logging: OneShotLoggingOptions

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not available here; accepted: table, json.")
        }
        guard timeout > 0, timeout.isFinite, timeout <= 3600 else {
            throw ValidationError("--timeout \(timeout) is not valid; accepted: seconds greater than 0, at most 3600.")
        }
        if request {
            let introspectionFlags = [
                ("--node-id", nodeID != nil), ("--node-type", nodeType != nil), ("--manifest", manifest != nil),
                ("--endpoint", !endpoint.isEmpty), ("--capability", !capability.isEmpty),
            ]
            if let flag = introspectionFlags.first(where: \.1)?.0 {
                throw ValidationError(
                    "\(flag) describes a node, not a request; with --request use --registry-id, --target-type, --reason and --response-timeout-ms."
                )
            }
        }
    }

    func run() async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let source = ConfigurationSource.process()
            let envelope = try buildEnvelope(source: source)
            let settings = try kafka.settings(source)
            let topics = try TopicNames.resolve(source: source)
            let milliseconds = Int(timeout * 1000)
            let producer = try KafkaProducer(
                settings: settings,
                options: KafkaProducerOptions(
                    clientID: "bridgectl-introspect", deliveryTimeoutMilliseconds: milliseconds),
                logger: Logger(label: "bridgectl.kafka"))
            let published = try await EventPublisher(producer: producer, topics: topics).publish(
                envelope, topic: topic, timeout: .milliseconds(Int64(milliseconds)))
            let out = OutputBuffer()
            if output == .json {
                out.line(JSONWriter.string(published.json()))
            } else {
                for line in PublishedEventOutput.detailLines(published) { out.line(line) }
            }
            out.flush()
        }
    }

    private func buildEnvelope(source: ConfigurationSource) throws(BridgeError) -> EventEnvelope {
        let envelope = ContractEventBuilder.Envelope(
            environment: try EnvironmentName.resolve(environment, source: source),
            sourceVersion: BridgectlVersion.current)
        if request {
            let fields = IntrospectionRequestFields(
                registryID: registryID, reason: reason, targetNodeTypes: targetType,
                responseTimeoutMilliseconds: responseTimeoutMs)
            var withCorrelation = envelope
            withCorrelation.correlationID = fields.correlationID
            return try ContractEventBuilder.build(
                type: .registryRequestIntrospection, payload: fields.payload(), envelope: withCorrelation)
        }
        var fields = IntrospectionFields()
        if let manifest { fields.manifest = try IntrospectionManifest.load(path: manifest) }
        fields.nodeID = nodeID
        fields.nodeType = nodeType
        fields.nodeVersion = nodeVersion
        fields.nodeRole = nodeRole
        fields.epoch = epoch
        guard let reason = BroadcastReason(rawValue: broadcastReason) else {
            throw .usage(
                "--broadcast-reason '\(broadcastReason)' is not a reason; accepted: "
                    + BroadcastReason.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        fields.broadcastReason = reason
        for text in endpoint {
            let (name, url) = try KeyValueArgument.split(text, flag: "--endpoint")
            fields.endpoints[name] = url
        }
        for text in capability {
            let (key, value) = try KeyValueArgument.json(text, flag: "--capability")
            fields.capabilities[key] = value
        }
        for text in metadata {
            let (key, value) = try KeyValueArgument.json(text, flag: "--metadata")
            fields.metadata[key] = value
        }
        return try ContractEventBuilder.build(type: .nodeIntrospection, payload: fields.payload(), envelope: envelope)
    }
}

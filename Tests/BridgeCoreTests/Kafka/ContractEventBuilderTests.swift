import BridgeCore
import BridgeEvents
import Testing

@Suite("introspect and heartbeat build contract-valid events or fail with the contract's error")
struct ContractEventBuilderTests {
    let envelope = ContractEventBuilder.Envelope(environment: "staging", sourceVersion: "0.1.0")

    @Test func flagsMakeAValidIntrospection() throws {
        var fields = IntrospectionFields()
        fields.nodeID = "orchestrator-1"
        fields.nodeType = "orchestrator"
        fields.endpoints = ["health": "http://127.0.0.1:8060/health"]
        fields.capabilities = ["supported_operations": ["a", "b"]]
        fields.metadata = ["heartbeat_interval_seconds": 5]
        fields.epoch = 3
        fields.broadcastReason = .manual
        let event = try ContractEventBuilder.build(
            type: .nodeIntrospection, payload: fields.payload(), envelope: envelope)
        guard case .introspection(let payload) = event.payload else {
            Issue.record("not an introspection")
            return
        }
        #expect(payload.nodeID == "orchestrator-1" && payload.nodeType == .orchestrator && payload.epoch == 3)
        #expect(payload.endpoints["health"]?.port == 8060)
        #expect(payload.heartbeatIntervalSeconds == 5)
        #expect(payload.broadcastReason == .manual)
        #expect(event.partitionKey == "orchestrator-1" && event.sourceNodeID == "orchestrator-1")
        #expect(event.environment == "staging")
        // What is published decodes to the same event.
        #expect(try EventCodec.decode(EventCodec.encode(event)) == event)
    }

    @Test func contractViolationsAreInvalidDataWithTheContractLine() {
        func failure(_ change: (inout IntrospectionFields) -> Void) -> BridgeError? {
            var fields = IntrospectionFields()
            fields.nodeID = "n1"
            fields.nodeType = "effect"
            change(&fields)
            do {
                _ = try ContractEventBuilder.build(
                    type: .nodeIntrospection, payload: fields.payload(), envelope: envelope)
                return nil
            } catch {
                return error
            }
        }
        let router = failure { $0.nodeType = "router" }
        #expect(router?.status == .invalidData)
        #expect(
            router?.message
                == "payload.node_type: \"router\" is not accepted; expected effect, compute, reducer or orchestrator")
        #expect(failure { $0.nodeID = nil }?.message.hasPrefix("payload.node_id: missing") == true)
        #expect(
            failure { $0.endpoints = ["api": "http://0.0.0.0:1/"] }?.message.hasPrefix("payload.endpoints.api") == true)
        #expect(failure { $0.epoch = 0 }?.message.hasPrefix("payload.epoch: 0 is out of range") == true)
        #expect(failure { $0.nodeID = "a..b" }?.message.hasPrefix("payload.node_id:") == true)
    }

    @Test func manifestFieldsAreTheBaseAndFlagsWin() throws {
        let manifest = try IntrospectionManifest.parse(
            """
            node_id: reducer-7
            node_type: reducer
            epoch: 2
            endpoints:
              health: http://127.0.0.1:8061/health
            capabilities:
              quoted: "true"
              flag: true
              ratio: 0.5
              none: null
              list: [1, two]
            metadata:
              environment: dev
            """, name: "m.yaml")
        #expect(manifest["epoch"] == 2)
        let capabilities = try #require(manifest["capabilities"]?.objectValue)
        #expect(capabilities["quoted"] == "true", "a quoted scalar stays a string")
        #expect(capabilities["flag"] == .bool(true) && capabilities["ratio"] == 0.5 && capabilities["none"] == .null)
        #expect(capabilities["list"] == [1, "two"])
        var fields = IntrospectionFields()
        fields.manifest = manifest
        fields.nodeID = "reducer-8"
        fields.endpoints = ["metrics": "http://127.0.0.1:8061/metrics"]
        let event = try ContractEventBuilder.build(
            type: .nodeIntrospection, payload: fields.payload(), envelope: envelope)
        guard case .introspection(let payload) = event.payload else { return }
        #expect(payload.nodeID == "reducer-8" && payload.nodeType == .reducer && payload.epoch == 2)
        #expect(Set(payload.endpoints.keys) == ["health", "metrics"])
        #expect(
            try IntrospectionManifest.parse(#"{"node_id": "j", "node_type": "compute"}"#, name: "m.json")["node_id"]
                == "j")
    }

    @Test func badManifestsSayWhatIsWrong() {
        for (text, expected) in [
            ("{not json", "is not valid JSON"), ("- a\n- b", "holds array, not a mapping"),
            ("key: [unclosed", "is not valid YAML"), ("", "is empty"),
        ] {
            do {
                _ = try IntrospectionManifest.parse(text, name: "m")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.status == .invalidData)
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
        #expect(throws: BridgeError.self) { try IntrospectionManifest.load(path: "/nonexistent/manifest.yaml") }
    }

    @Test func heartbeatsAndRequestsValidateToo() throws {
        let heartbeat = try ContractEventBuilder.build(
            type: .nodeHeartbeat,
            payload: HeartbeatFields(nodeID: "n1", nodeType: "compute", healthStatus: "degraded", uptimeSeconds: 12)
                .payload(), envelope: envelope)
        guard case .heartbeat(let beat) = heartbeat.payload else { return }
        #expect(beat.healthStatus == .degraded && beat.uptimeSeconds == 12)
        #expect(throws: BridgeError.self) {
            try ContractEventBuilder.build(
                type: .nodeHeartbeat,
                payload: HeartbeatFields(nodeID: "n1", nodeType: "compute", healthStatus: "fine").payload(),
                envelope: envelope)
        }
        let fields = IntrospectionRequestFields(targetNodeTypes: ["reducer"], responseTimeoutMilliseconds: 100)
        var withCorrelation = envelope
        withCorrelation.correlationID = fields.correlationID
        let request = try ContractEventBuilder.build(
            type: .registryRequestIntrospection, payload: fields.payload(), envelope: withCorrelation)
        guard case .request(let ask) = request.payload else { return }
        #expect(ask.targetNodeTypes == [.reducer] && ask.correlationID == fields.correlationID)
        #expect(request.payload.key == IntrospectionRequestFields.defaultRegistryID)
        let tooLong = IntrospectionRequestFields(responseTimeoutMilliseconds: 40_000)
        #expect(throws: BridgeError.self) {
            try ContractEventBuilder.build(
                type: .registryRequestIntrospection, payload: tooLong.payload(), envelope: envelope)
        }
    }

    @Test func keyValueArgumentsTakeJSONOrText() throws {
        #expect(try KeyValueArgument.json("n=5", flag: "--metadata") == ("n", 5))
        #expect(try KeyValueArgument.json("zone=eu-1", flag: "--metadata") == ("zone", "eu-1"))
        #expect(try KeyValueArgument.json("q=\"5\"", flag: "--metadata") == ("q", "5"))
        #expect(try KeyValueArgument.split("health=http://h:1/x=y", flag: "--endpoint") == ("health", "http://h:1/x=y"))
        #expect(throws: BridgeError.self) { try KeyValueArgument.split("=x", flag: "--endpoint") }
        #expect(throws: BridgeError.self) { try KeyValueArgument.split("novalue", flag: "--endpoint") }
    }

    @Test func eventsGoToTheTopicOfTheirType() {
        let topics = TopicNames(introspection: "i", heartbeat: "h", registryRequest: "r")
        #expect(topics.topic(for: .nodeIntrospection) == "i")
        #expect(topics.topic(for: .nodeShutdown) == "i")
        #expect(topics.topic(for: .nodeHeartbeat) == "h")
        #expect(topics.topic(for: .registryRequestIntrospection) == "r")
    }
}

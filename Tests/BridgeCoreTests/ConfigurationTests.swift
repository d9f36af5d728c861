import BridgeCore
import Testing

@Suite("Configuration precedence: flag › environment › default")
struct ConfigurationTests {
    func source(_ values: [String: String]) -> ConfigurationSource { ConfigurationSource(environment: values) }

    @Test func kafkaBrokers() throws {
        #expect(
            try KafkaSettings.resolve(brokers: nil, properties: [], source: source([:])).brokers == "127.0.0.1:9092")
        let env = source(["KAFKA_BOOTSTRAP_SERVERS": "k1:9092,k2:9092"])
        #expect(try KafkaSettings.resolve(brokers: nil, properties: [], source: env).brokers == "k1:9092,k2:9092")
        #expect(try KafkaSettings.resolve(brokers: "flag:1", properties: [], source: env).brokers == "flag:1")
        // An empty variable counts as unset.
        #expect(
            try KafkaSettings.resolve(brokers: nil, properties: [], source: source(["KAFKA_BOOTSTRAP_SERVERS": ""]))
                .brokers == "127.0.0.1:9092")
    }

    @Test func kafkaPropertiesParseAndRejectClearly() throws {
        let settings = try KafkaSettings.resolve(
            brokers: nil, properties: ["security.protocol=SASL_SSL", "sasl.password=a=b"], source: source([:]))
        #expect(
            settings.properties == [
                KafkaProperty(key: "security.protocol", value: "SASL_SSL"),
                KafkaProperty(key: "sasl.password", value: "a=b"),
            ])
        #expect(throws: BridgeError.self) {
            try KafkaSettings.resolve(brokers: nil, properties: ["novalue"], source: source([:]))
        }
        do {
            _ = try KafkaSettings.resolve(brokers: nil, properties: ["=x"], source: source([:]))
            Issue.record("accepted -X =x")
        } catch {
            #expect(error.status == .usage)
            #expect(error.message.contains("accepted: -X key=value"))
        }
    }

    @Test func topicsTakeThePrefixOnlyOnDefaultNames() throws {
        let plain = try TopicNames.resolve(source: source([:]))
        #expect(plain.introspection == "node-introspection.v1")
        #expect(plain.dlq(of: plain.heartbeat) == "node-heartbeat.v1.dlq")
        let prefixed = try TopicNames.resolve(
            source: source([
                "KAFKA_TOPIC_PREFIX": "dev.omninode_bridge.onex.evt.",
                "KAFKA_HEARTBEAT_TOPIC": "custom-heartbeats",
                "KAFKA_DLQ_SUFFIX": "-dead",
            ]))
        #expect(prefixed.introspection == "dev.omninode_bridge.onex.evt.node-introspection.v1")
        #expect(prefixed.registryRequest == "dev.omninode_bridge.onex.evt.registry-request-introspection.v1")
        #expect(prefixed.heartbeat == "custom-heartbeats")
        #expect(prefixed.dlq(of: prefixed.introspection) == "dev.omninode_bridge.onex.evt.node-introspection.v1-dead")
        #expect(prefixed.all.count == 6)
        #expect(throws: BridgeError.self) {
            try TopicNames.resolve(source: source(["KAFKA_INTROSPECTION_TOPIC": "bad topic"]))
        }
    }

    @Test func postgresPrecedence() {
        let all = source([
            "DATABASE_URL": "postgresql://u:secret@db/x", "POSTGRES_HOST": "h", "POSTGRES_PASSWORD": "pw",
        ])
        #expect(
            PostgresSettings.resolve(url: "postgresql://flag/db", source: all).connectionString
                == "postgresql://flag/db")
        #expect(PostgresSettings.resolve(url: nil, source: all).connectionString == "postgresql://u:secret@db/x")
        #expect(PostgresSettings.resolve(url: nil, source: all).origin == "DATABASE_URL")
        let seed = PostgresSettings.resolve(
            url: nil,
            source: source([
                "POSTGRES_HOST": "postgres-test", "POSTGRES_PORT": "5433", "POSTGRES_DB": "bridge_test",
                "POSTGRES_USER": "test", "POSTGRES_PASSWORD": "test-pass'word",
            ]))
        #expect(
            seed.connectionString
                == #"host='postgres-test' port='5433' dbname='bridge_test' user='test' password='test-pass\'word'"#)
        #expect(!seed.description.contains("test-pass"))
        #expect(PostgresSettings.resolve(url: nil, source: source([:])).connectionString == "")
    }

    @Test func consulPrecedence() throws {
        #expect(
            try ConsulSettings.resolve(address: nil, token: nil, source: source([:])).baseURL == "http://127.0.0.1:8500"
        )
        let env = source([
            "CONSUL_HTTP_ADDR": "consul.local:8501", "CONSUL_HOST": "ignored", "CONSUL_HTTP_TOKEN": "s3cr3t-value",
        ])
        let fromEnv = try ConsulSettings.resolve(address: nil, token: nil, source: env)
        #expect(fromEnv.baseURL == "http://consul.local:8501")
        #expect(fromEnv.token == "s3cr3t-value")
        #expect(!fromEnv.description.contains("s3cr3t"))
        #expect(
            try ConsulSettings.resolve(address: "https://c:8443/", token: "t2", source: env).baseURL == "https://c:8443"
        )
        #expect(try ConsulSettings.resolve(address: "https://c:8443/", token: "t2", source: env).token == "t2")
        let seed = source(["CONSUL_HOST": "consul-test"])
        #expect(try ConsulSettings.resolve(address: nil, token: nil, source: seed).baseURL == "http://consul-test:8500")
        let seedPort = source(["CONSUL_HOST": "consul-test", "CONSUL_PORT": "18500"])
        #expect(
            try ConsulSettings.resolve(address: nil, token: nil, source: seedPort).baseURL == "http://consul-test:18500"
        )
        #expect(throws: BridgeError.self) { try ConsulSettings.resolve(address: "a b", token: nil, source: seed) }
    }

    @Test func nodeSwitchesAndInterval() throws {
        let defaults = try NodeSettings.resolve(heartbeatInterval: nil, source: source([:]))
        #expect(
            defaults == NodeSettings(enableIntrospection: true, enableHeartbeat: true, heartbeatIntervalSeconds: 30))
        let env = source([
            "ENABLE_INTROSPECTION": "false", "ENABLE_HEARTBEAT": "0", "HEARTBEAT_INTERVAL_SECONDS": "1.5",
        ])
        let resolved = try NodeSettings.resolve(heartbeatInterval: nil, source: env)
        #expect(!resolved.enableIntrospection && !resolved.enableHeartbeat)
        #expect(resolved.heartbeatIntervalSeconds == 1.5)
        #expect(try NodeSettings.resolve(heartbeatInterval: 2, source: env).heartbeatIntervalSeconds == 2)
        #expect(throws: BridgeError.self) {
            try NodeSettings.resolve(heartbeatInterval: nil, source: source(["ENABLE_HEARTBEAT": "maybe"]))
        }
        #expect(throws: BridgeError.self) {
            try NodeSettings.resolve(heartbeatInterval: nil, source: source(["HEARTBEAT_INTERVAL_SECONDS": "-3"]))
        }
        #expect(throws: BridgeError.self) { try NodeSettings.resolve(heartbeatInterval: 0, source: source([:])) }
    }

    @Test func environmentName() throws {
        #expect(try EnvironmentName.resolve(nil, source: source([:])) == "dev")
        #expect(try EnvironmentName.resolve(nil, source: source(["ENVIRONMENT": "staging"])) == "staging")
        #expect(try EnvironmentName.resolve("prod", source: source(["ENVIRONMENT": "staging"])) == "prod")
        #expect(throws: BridgeError.self) { try EnvironmentName.resolve("pr od", source: source([:])) }
    }
}

@Suite("Secrets never printed")
struct SecretRedactionTests {
    @Test(arguments: [
        ("postgresql://user:hunter2@db:5432/x", "postgresql://user:***@db:5432/x"),
        ("host=db password=hunter2 user=u", "host=db password=*** user=u"),
        ("host=db password='hun ter\\'2' user=u", "host=db password='***' user=u"),
        ("postgresql://db/x?user=u&password=hunter2&sslmode=off", "postgresql://db/x?user=u&password=***&sslmode=off"),
        ("connection to postgresql://a:hunter2@h failed", "connection to postgresql://a:***@h failed"),
        ("no secrets here", "no secrets here"),
        ("postgresql://user@db/x", "postgresql://user@db/x"),
    ])
    func scrubs(_ input: String, _ expected: String) {
        #expect(SecretRedaction.scrub(input) == expected)
        #expect(!SecretRedaction.scrub(input).contains("hunter2"))
    }

    @Test func bridgeErrorsAreScrubbedOnConstruction() {
        let error = BridgeError.unavailable("cannot reach postgresql://u:hunter2@h/db: connection refused")
        #expect(!error.message.contains("hunter2"))
        #expect(error.status == .unavailable)
    }
}

@Suite("Exit codes")
struct ExitStatusTests {
    @Test func tableMatchesTheDesign() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 64, 65, 69, 75, 130])
        #expect(Set(ExitStatus.allCases.map(\.meaning)).count == ExitStatus.allCases.count)
    }
}

/// The connection settings the REPL shows and `set` changes: what every command run inside it talks
/// to. A setting given here wins over the environment (it becomes the variable the commands read);
/// a flag on a command still wins over both.
public struct ReplSettings: Sendable, Equatable {
    public enum Key: String, Sendable, CaseIterable {
        case kafka, consul, postgres, environment
        case topicPrefix = "topic-prefix"

        /// The variable the commands read, which the setting overrides.
        public var variable: String {
            switch self {
            case .kafka: "KAFKA_BOOTSTRAP_SERVERS"
            case .consul: "CONSUL_HTTP_ADDR"
            case .postgres: "DATABASE_URL"
            case .environment: "ENVIRONMENT"
            case .topicPrefix: "KAFKA_TOPIC_PREFIX"
            }
        }

        public var meaning: String {
            switch self {
            case .kafka: "Kafka bootstrap servers, host:port[,host:port…]"
            case .consul: "Consul HTTP address, host:port or http(s)://host:port"
            case .postgres: "PostgreSQL URL or key=value string"
            case .environment: "the environment served and inspected"
            case .topicPrefix: "prefix of the contract's default topic names (empty: none)"
            }
        }

        /// Accepts the key's name and a few obvious aliases.
        public init?(name: String) {
            switch name.lowercased() {
            case "kafka", "brokers", "bootstrap": self = .kafka
            case "consul": self = .consul
            case "postgres", "postgres-url", "pg", "database-url": self = .postgres
            case "environment", "env": self = .environment
            case "topic-prefix", "prefix": self = .topicPrefix
            default: return nil
            }
        }
    }

    /// What was set in this session (by `set`, `--state-dir` or the repl's own flags).
    public private(set) var values: [Key: String] = [:]

    public init(values: [Key: String] = [:]) {
        self.values = values
    }

    /// Checks `value` the way the commands will, then keeps it.
    public mutating func set(_ key: Key, _ value: String) throws(BridgeError) {
        let empty = ConfigurationSource(environment: [:])
        switch key {
        case .kafka: _ = try KafkaSettings.resolve(brokers: value, properties: [], source: empty)
        case .consul: _ = try ConsulSettings.resolve(address: value, token: nil, source: empty)
        case .postgres:
            guard !value.isEmpty else {
                throw .usage(
                    "An empty PostgreSQL URL is not accepted; give postgresql://user@host:port/db or key=value.")
            }
        case .environment: _ = try EnvironmentName.resolve(value, source: empty)
        case .topicPrefix:
            if !value.isEmpty, let problem = TopicNames.topicNameProblem(value + TopicNames.defaultIntrospection) {
                throw .usage(
                    "Topic prefix '\(value)' makes a topic name that \(problem); accepted: characters of A-Z a-z 0-9 . _ -."
                )
            }
        }
        values[key] = value
    }

    /// The overrides to apply to the process environment.
    public var environmentOverrides: [String: String] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.key.variable, $0.value) })
    }

    /// The effective settings over `source` (which already includes the overrides when they were
    /// applied): one `(key, value, origin)` per key, with passwords masked.
    public static func effective(
        _ source: ConfigurationSource, set: Set<Key>
    ) -> [(key: Key, value: String, origin: String)] {
        Key.allCases.map { key in
            let origin: String
            if set.contains(key) {
                origin = "set"
            } else if source.value(key.variable) != nil {
                origin = key.variable
            } else {
                origin = "default"
            }
            let value: String
            switch key {
            case .kafka:
                value =
                    (try? KafkaSettings.resolve(brokers: nil, properties: [], source: source).brokers) ?? "(invalid)"
            case .consul:
                value =
                    (try? ConsulSettings.resolve(address: nil, token: nil, source: source).description) ?? "(invalid)"
            case .postgres:
                let settings = PostgresSettings.resolve(url: nil, source: source)
                value = settings.description
                return (key, value, set.contains(key) ? "set" : settings.origin)
            case .environment:
                value = (try? EnvironmentName.resolve(nil, source: source)) ?? "(invalid)"
            case .topicPrefix:
                value = source.value(key.variable) ?? "(none)"
            }
            return (key, value, origin)
        }
    }

    /// `show`: one line per setting, secrets masked, values never cut (an operator copies them).
    public static func showLines(_ source: ConfigurationSource, set: Set<Key>) -> [String] {
        effective(source, set: set).map { entry in
            TableText.pad(entry.key.rawValue, 13) + " " + entry.value
                + String(repeating: " ", count: max(0, 44 - entry.value.count)) + " (" + entry.origin + ")"
        }
    }

    /// The prompt: the stack the REPL talks to, never a password.
    public static func prompt(_ source: ConfigurationSource) -> String {
        let kafka = (try? KafkaSettings.resolve(brokers: nil, properties: [], source: source).brokers) ?? "?"
        let consulURL = (try? ConsulSettings.resolve(address: nil, token: nil, source: source).baseURL) ?? "?"
        let consul = consulURL.replacingPrefix("http://").replacingPrefix("https://")
        let postgres = postgresShortName(PostgresSettings.resolve(url: nil, source: source).connectionString)
        let environment = (try? EnvironmentName.resolve(nil, source: source)) ?? "?"
        let envPart = environment == EnvironmentName.defaultName ? "" : " env:\(environment)"
        return "bridgectl[\(kafka) consul:\(consul) pg:\(postgres)\(envPart)]> "
    }

    /// `host:port/db` of a libpq connection string (URL or key=value), without user or password.
    public static func postgresShortName(_ connectionString: String) -> String {
        if connectionString.isEmpty { return "default" }
        if let scheme = connectionString.range(of: "://") {
            var rest = connectionString[scheme.upperBound...]
            if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
            let text = String(rest)
            return text.isEmpty ? "default" : text
        }
        var fields: [String: String] = [:]
        for pair in connectionString.split(separator: " ") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            var value = String(pair[pair.index(after: equals)...])
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            fields[String(pair[..<equals])] = value
        }
        let host = fields["host"] ?? "local"
        let port = fields["port"].map { ":" + $0 } ?? ""
        let database = fields["dbname"].map { "/" + $0 } ?? ""
        return host + port + database
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}

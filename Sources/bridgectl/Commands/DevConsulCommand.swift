import ArgumentParser
import BridgeCore
import Logging
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

struct DevConsulCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consul", abstract: "A development stand-in for a Consul agent, in memory.",
        discussion: """
            Serves the part of Consul's HTTP API that bridgectl uses (agent service register and \
            deregister, TTL checks, agent services and checks, catalog services and nodes, health, KV, txn, status, \
            agent/self), \
            behaving like 'consul agent -dev': one node, one datacenter (dc1), ACLs off unless --token is \
            given, pretty-printed JSON, and all state in memory, lost when it stops. Catalog, health and KV \
            reads support blocking queries (?index, ?wait); list endpoints take ?filter expressions. TTL \
            checks expire and services whose check stays critical longer than \
            DeregisterCriticalServiceAfter are reaped. It is not Consul: use a real agent outside \
            development and tests. Stops on SIGTERM or SIGINT.

            Examples:
              bridgectl dev consul
              bridgectl dev consul --port 0 --token "$CONSUL_HTTP_TOKEN"
              curl -s 'http://127.0.0.1:8500/v1/health/service/orchestrator?passing'
            """)

    @Option(name: .long, help: "The HTTP port (0: any free port; the one chosen is printed).")
    var port: Int = DevConsulConfiguration.defaultPort

    @Option(name: .long, help: "The address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(name: .long, help: "The node's name (default: this machine's host name).")
    var nodeName: String?

    @Option(
        name: .long,
        help: "How often services with long-critical checks are reaped, as a Go duration (30s, 1m) or seconds.")
    var reapInterval: GoDuration = DevConsulConfiguration.defaultReapInterval

    @Option(
        name: .long,
        help: "The lowest DeregisterCriticalServiceAfter honoured; lower values are raised to it (Consul: 1m).")
    var deregisterMinimum: GoDuration = DevConsulConfiguration.defaultDeregisterMinimum

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Turn ACLs on with default deny and this one management token.",
            discussion: """
                Clients then send it as ?token=, X-Consul-Token or Authorization: Bearer; requests without \
                it are denied (403 Permission denied; an unknown token gets 403 ACL not found) and list \
                endpoints show them nothing. The token is never printed or logged.
                """,
            valueName: "secret"))
    var token: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; accepted: 0 to 65535.")
        }
        guard reapInterval > .zero else {
            throw ValidationError("--reap-interval must be greater than 0; accepted: a duration such as 30s or 1m.")
        }
        guard deregisterMinimum >= .zero else {
            throw ValidationError("--deregister-minimum must not be negative; accepted: a duration such as 1m or 1s.")
        }
        if let nodeName, nodeName.isEmpty {
            throw ValidationError("--node-name must not be empty.")
        }
        if let token, token.isEmpty || token.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--token must be a non-empty secret without spaces.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "bridgectl.dev-consul")
        try await CommandFailure.reporting {
            let configuration = DevConsulConfiguration(
                bindAddress: bind, port: port, nodeName: nodeName, reapInterval: reapInterval,
                deregisterMinimum: deregisterMinimum, aclToken: token)
            let host = bind.contains(":") ? "[\(bind)]" : bind
            let server = DevConsulServer(configuration: configuration, logger: logger) { boundPort in
                StandardStreams.output("dev consul: listening on http://\(host):\(boundPort)")
                fflush(nil)
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

extension GoDuration: ExpressibleByArgument {
    /// A Go duration (`30s`, `1m30s`, `500ms`) or a plain number of seconds.
    public init?(argument: String) {
        if let seconds = Double(argument), seconds.isFinite {
            self.init(nanoseconds: Int64(seconds * 1e9))
        } else if let parsed = try? GoDuration(parsing: argument) {
            self = parsed
        } else {
            return nil
        }
    }

    public var defaultValueDescription: String { description }
}

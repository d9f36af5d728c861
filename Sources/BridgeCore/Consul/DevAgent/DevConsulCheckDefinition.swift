/// A check as a registration declares it (Consul's `CheckType`), decoded from JSON. Only TTL and
/// HTTP checks are run by the dev agent; the other kinds are accepted and stay in their initial
/// status (they would need scripts, gRPC, Docker … that a development stand-in does not have).
struct DevConsulCheckDefinition: Sendable, Equatable {
    var checkID = ""
    var name = ""
    var status = ""
    var notes = ""
    var scriptArgs: [String] = []
    var http = ""
    var method = ""
    var header: [String: [String]] = [:]
    var body = ""
    var tcp = ""
    var udp = ""
    var grpc = ""
    var h2ping = ""
    var osService = ""
    var aliasNode = ""
    var aliasService = ""
    var dockerContainerID = ""
    var interval = GoDuration.zero
    var timeout = GoDuration.zero
    var ttl = GoDuration.zero
    var deregisterCriticalServiceAfter = GoDuration.zero
    var outputMaxSize = 0
    var successBeforePassing = 0
    var failuresBeforeWarning = 0
    var failuresBeforeCritical = 0
    var tlsSkipVerify = false
    /// Fields that are accepted and kept only for `isEmpty` (TLSServerName, GRPCUseTLS, …).
    var otherFieldsSet = false

    static let defaultOutputMaxSize = 4096
    static let defaultHTTPTimeout = GoDuration.seconds(10)

    /// An empty `Check: {}` is ignored, as Consul's `CheckType.Empty()` does.
    var isEmpty: Bool { self == DevConsulCheckDefinition() }

    var isAlias: Bool { !aliasNode.isEmpty || !aliasService.isEmpty }
    var isScript: Bool { !scriptArgs.isEmpty }

    /// `CheckType.Validate()`: nil when valid, else the message Consul puts after `Invalid check: `.
    func validationError() -> String? {
        let intervalCheck =
            isScript || !http.isEmpty || !tcp.isEmpty || !udp.isEmpty || !grpc.isEmpty || !h2ping.isEmpty
            || !osService.isEmpty
        if interval > .zero, ttl > .zero { return "Interval and TTL cannot both be specified" }
        if intervalCheck, interval <= .zero {
            return "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"
        }
        if intervalCheck, isAlias { return "Interval cannot be set for Alias checks" }
        if isAlias, ttl > .zero { return "TTL must be not be set for Alias checks" }
        if !intervalCheck, !isAlias, ttl <= .zero { return "TTL must be > 0 for TTL checks" }
        if outputMaxSize < 0 { return "MaxOutputMaxSize must be positive" }
        if failuresBeforeWarning > failuresBeforeCritical {
            return "FailuresBeforeWarning can't be higher than FailuresBeforeCritical"
        }
        return nil
    }

    /// `CheckType.Type()`.
    var type: String {
        if !grpc.isEmpty, interval > .zero { return "grpc" }
        if !http.isEmpty, interval > .zero { return "http" }
        if ttl > .zero { return "ttl" }
        if !tcp.isEmpty, interval > .zero { return "tcp" }
        if !udp.isEmpty, interval > .zero { return "udp" }
        if isAlias { return "alias" }
        if isScript, !dockerContainerID.isEmpty, interval > .zero { return "docker" }
        if isScript { return "script" }
        if !h2ping.isEmpty, interval > .zero { return "h2ping" }
        if !osService.isEmpty, interval > .zero { return "os_service" }
        return ""
    }

    var effectiveOutputMaxSize: Int { outputMaxSize > 0 ? outputMaxSize : Self.defaultOutputMaxSize }

    /// JSON keys of `CheckType`, with the snake_case aliases its `UnmarshalJSON` accepts.
    static let jsonFields = [
        "CheckID", "Name", "Status", "Notes", "ScriptArgs", "HTTP", "H2PING", "H2PingUseTLS", "Header", "Method",
        "Body", "DisableRedirects", "TCP", "TCPUseTLS", "UDP", "Interval", "AliasNode", "AliasService",
        "DockerContainerID", "Shell", "GRPC", "GRPCUseTLS", "OSService", "TLSServerName", "TLSSkipVerify", "Timeout",
        "TTL", "SuccessBeforePassing", "FailuresBeforeWarning", "FailuresBeforeCritical", "ProxyHTTP", "ProxyGRPC",
        "DeregisterCriticalServiceAfter", "OutputMaxSize", "args", "script_args", "deregister_critical_service_after",
        "docker_container_id", "tls_server_name", "tls_skip_verify", "grpc_use_tls", "h2ping_use_tls", "ServiceID",
        "service_id",
    ]

    init() {}

    init(_ reader: GoStructReader) throws(GoDecodeFailure) {
        checkID = try reader.string("CheckID")
        name = try reader.string("Name")
        status = try reader.string("Status")
        notes = try reader.string("Notes")
        scriptArgs = []
        for field in ["ScriptArgs", "args", "script_args"] where scriptArgs.isEmpty {
            scriptArgs = try reader.strings(field) ?? []
        }
        http = try reader.string("HTTP")
        method = try reader.string("Method")
        header = try reader.stringListMap("Header") ?? [:]
        body = try reader.string("Body")
        tcp = try reader.string("TCP")
        udp = try reader.string("UDP")
        grpc = try reader.string("GRPC")
        h2ping = try reader.string("H2PING")
        osService = try reader.string("OSService")
        aliasNode = try reader.string("AliasNode")
        aliasService = try reader.string("AliasService")
        dockerContainerID = try reader.string("DockerContainerID")
        if dockerContainerID.isEmpty { dockerContainerID = try reader.string("docker_container_id") }
        interval = try reader.duration("Interval")
        timeout = try reader.duration("Timeout")
        ttl = try reader.duration("TTL")
        deregisterCriticalServiceAfter =
            reader.has("DeregisterCriticalServiceAfter")
            ? try reader.duration("DeregisterCriticalServiceAfter")
            : try reader.duration("deregister_critical_service_after")
        outputMaxSize = try reader.int("OutputMaxSize")
        successBeforePassing = try reader.int("SuccessBeforePassing")
        failuresBeforeWarning = try reader.int("FailuresBeforeWarning")
        failuresBeforeCritical = try reader.int("FailuresBeforeCritical")
        let skipVerify = try reader.bool("TLSSkipVerify")
        let skipVerifySnake = try reader.bool("tls_skip_verify")
        tlsSkipVerify = skipVerify || skipVerifySnake
        // Type-check the fields kept only for emptiness.
        var others = false
        for field in ["Shell", "TLSServerName", "tls_server_name", "ProxyHTTP", "ProxyGRPC", "ServiceID", "service_id"]
        {
            let value = try reader.string(field)
            others = others || !value.isEmpty
        }
        for field in ["H2PingUseTLS", "DisableRedirects", "TCPUseTLS", "GRPCUseTLS", "grpc_use_tls", "h2ping_use_tls"] {
            let value = try reader.bool(field)
            others = others || value
        }
        otherFieldsSet = others
    }
}

import BridgeEvents

/// How to reach Consul's HTTP API: `--consul` › `CONSUL_HTTP_ADDR` › `CONSUL_HOST`+`CONSUL_PORT` ›
/// 127.0.0.1:8500; token `--consul-token` › `CONSUL_HTTP_TOKEN`.
public struct ConsulSettings: Sendable, Hashable, CustomStringConvertible {
    public static let defaultAddress = "127.0.0.1:8500"

    /// `http://host:port` or `https://host:port`, without a trailing slash.
    public let baseURL: String
    /// Sent as `X-Consul-Token`; never printed.
    public let token: String?

    public init(baseURL: String, token: String? = nil) {
        self.baseURL = baseURL
        self.token = token
    }

    public var description: String { baseURL + (token == nil ? "" : " (with token)") }

    public static func resolve(
        address flag: String?, token tokenFlag: String?, source: ConfigurationSource
    )
        throws(BridgeError) -> ConsulSettings
    {
        let address: String
        if let explicit = source.flagOrEnvironment(flag, "CONSUL_HTTP_ADDR") {
            address = explicit
        } else if let host = source.value("CONSUL_HOST") {
            address = "\(host):\(source.value("CONSUL_PORT") ?? "8500")"
        } else {
            address = defaultAddress
        }
        let secure = (try? source.boolean("CONSUL_HTTP_SSL", default: false)) ?? false
        return ConsulSettings(
            baseURL: try normalize(address, secure: secure),
            token: source.flagOrEnvironment(tokenFlag, "CONSUL_HTTP_TOKEN"))
    }

    /// Accepts `host:port`, `host` (port 8500) or a full `http(s)://host:port` URL.
    static func normalize(_ address: String, secure: Bool) throws(BridgeError) -> String {
        var text = address
        while text.hasSuffix("/") { text.removeLast() }
        let accepted = "accepted: host:port or http(s)://host:port."
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            guard case .success = EndpointURL.parse(text) else {
                throw .usage("Consul address '\(address)' is not a valid URL; \(accepted)")
            }
            return text
        }
        guard !text.isEmpty, !text.contains("/"), !text.contains(" ") else {
            throw .usage("Consul address '\(address)' is not valid; \(accepted)")
        }
        let hasPort = text.hasPrefix("[") ? text.contains("]:") : text.contains(":")
        let withPort = hasPort ? text : text + ":8500"
        return (secure ? "https://" : "http://") + withPort
    }
}

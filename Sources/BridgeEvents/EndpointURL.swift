/// An absolute http(s) URL from a node's `endpoints`, split into what Consul needs (address, port).
public struct EndpointURL: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int
    public let path: String
    public let text: String

    public static let accepted =
        "expected an absolute http or https URL whose host is not 0.0.0.0 or ::"

    /// Parses `text`, or explains in a few words why it is not accepted.
    public static func parse(_ text: String) -> Result<EndpointURL, EndpointURLProblem> {
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("http://") {
            scheme = "http"
        } else if lower.hasPrefix("https://") {
            scheme = "https"
        } else {
            return .failure(EndpointURLProblem(reason: "is not an absolute http(s) URL"))
        }
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            return .failure(EndpointURLProblem(reason: "contains spaces or control characters"))
        }
        let rest = text.dropFirst(scheme.count + 3)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                return .failure(EndpointURLProblem(reason: "has an unterminated IPv6 address"))
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                return .failure(EndpointURLProblem(reason: "has an invalid host"))
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return .failure(EndpointURLProblem(reason: "has no host")) }
        if host == "0.0.0.0" || host == "::" || host == "0:0:0:0:0:0:0:0" {
            return .failure(EndpointURLProblem(reason: "has the unspecified address \(host) as host"))
        }
        var port = scheme == "https" ? 443 : 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                return .failure(EndpointURLProblem(reason: "has an invalid port"))
            }
            port = value
        }
        return .success(EndpointURL(scheme: scheme, host: String(host), port: port, path: path, text: text))
    }

    public var description: String { text }
}

public struct EndpointURLProblem: Error, Sendable, Hashable {
    public let reason: String
}

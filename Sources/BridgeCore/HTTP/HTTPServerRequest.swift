/// One request as a handler of `HTTPServer` sees it: the whole body already read.
public struct HTTPServerRequest: Sendable {
    public var method: String
    /// The request target exactly as sent (`/v1/agent/service/web%3A1?pretty`).
    public var target: String
    /// The path before `?`, still percent-encoded.
    public var rawPath: String
    /// The path with percent-escapes decoded (what a router matches, as Go's `URL.Path`).
    public var path: String
    public var query: HTTPQuery
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The peer as `ip:port`, when known: requests on one kept-alive connection share it.
    public var remoteAddress: String?

    public init(
        method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        remoteAddress: String? = nil
    ) {
        self.method = method
        self.target = target
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        rawPath = String(target[..<pathEnd])
        path = PercentEncoding.decode(target[..<pathEnd], plusAsSpace: false) ?? rawPath
        query = pathEnd < target.endIndex ? HTTPQuery(parsing: target[target.index(after: pathEnd)...]) : HTTPQuery()
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }
}

extension String {
    /// ASCII case-insensitive equality, enough for header names.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        for (a, b) in zip(utf8, other.utf8) where a != b {
            let lowerA = (0x41...0x5A).contains(a) ? a | 0x20 : a
            let lowerB = (0x41...0x5A).contains(b) ? b | 0x20 : b
            if lowerA != lowerB { return false }
        }
        return true
    }
}

/// A request for `CurlHTTPClient`.
public struct HTTPClientRequest: Sendable {
    public var method: String
    /// The full URL, path and query already percent-encoded (see `PercentEncoding`).
    public var url: String
    public var headers: [(name: String, value: String)]
    /// Sent with `Content-Length` (never chunked, never `Expect: 100-continue`).
    public var body: [UInt8]?
    /// The whole exchange's limit; nil uses the client's `requestTimeout`. Long polls set it above
    /// their wait time.
    public var timeout: Duration?

    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// Routes requests by path, then method, the way Go's `http.ServeMux` does for Consul: an exact
/// pattern matches only that path, a pattern ending in `/` matches everything under it, and the
/// longest match wins. A path that matches a route whose methods do not include the request's gets
/// `methodNotAllowed`; `OPTIONS` on a known path gets 200 with `Allow`; no match gets `notFound`.
public struct HTTPRouter: Sendable {
    public typealias Handler = @Sendable (HTTPServerRequest) async -> HTTPServerResponse

    struct Route: Sendable {
        let pattern: String
        let isSubtree: Bool
        let methods: [String]
        let handler: Handler
    }

    private var exact: [String: Route] = [:]
    /// Subtree routes, longest pattern first.
    private var subtrees: [Route] = []

    /// Answers paths no route matches (default: 404 with an empty body).
    public var notFound: Handler = { _ in HTTPServerResponse(status: 404) }
    /// Answers a known path with a method it does not take; `allowed` starts with `OPTIONS`.
    /// Default: 405 with `Allow` and `method X not allowed`.
    public var methodNotAllowed: @Sendable (HTTPServerRequest, _ allowed: [String]) -> HTTPServerResponse = {
        request, allowed in
        var response = HTTPServerResponse.text(405, "method \(request.method) not allowed")
        response.headers.append(("Allow", allowed.joined(separator: ",")))
        return response
    }

    /// Go's mux answers a path containing `//`, `/./` or `/../` with 301 to the cleaned path.
    public var redirectsUncleanPaths = false

    public init() {}

    /// Adds a route. `path` ending in `/` serves the whole subtree below it (`/v1/agent/service/`);
    /// any other path serves exactly itself.
    public mutating func on(_ methods: [String], _ path: String, _ handler: @escaping Handler) {
        let route = Route(pattern: path, isSubtree: path.hasSuffix("/"), methods: methods, handler: handler)
        if route.isSubtree {
            subtrees.append(route)
            subtrees.sort { $0.pattern.utf8.count > $1.pattern.utf8.count }
        } else {
            exact[path] = route
        }
    }

    func route(for path: String) -> Route? {
        if let route = exact[path] { return route }
        return subtrees.first { path.hasPrefix($0.pattern) }
    }

    /// The response for `request`: the matching route's handler, or one of the fallbacks.
    public func respond(to request: HTTPServerRequest) async -> HTTPServerResponse {
        if redirectsUncleanPaths, let cleaned = Self.cleaned(request.rawPath), cleaned != request.rawPath {
            let query = request.target.firstIndex(of: "?").map { String(request.target[$0...]) } ?? ""
            return HTTPServerResponse(status: 301, headers: [("Location", cleaned + query)])
        }
        guard let route = route(for: request.path) else { return await notFound(request) }
        if route.methods.contains(request.method) { return await route.handler(request) }
        let allowed = ["OPTIONS"] + route.methods
        if request.method == "OPTIONS" {
            return HTTPServerResponse(status: 200, headers: [("Allow", allowed.joined(separator: ","))])
        }
        return methodNotAllowed(request, allowed)
    }

    /// Go's `path.Clean` for a request path (keeping a trailing slash), or nil if it is not absolute.
    static func cleaned(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        var result = "/" + parts.joined(separator: "/")
        if path.hasSuffix("/"), result != "/" { result += "/" }
        return result
    }
}

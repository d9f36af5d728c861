/// Runs one HTTP check the way Consul's `CheckHTTP` does: every Interval, the declared method
/// (GET by default) against the URL; 2xx is passing, 429 warning, anything else or no answer
/// critical; the output is `HTTP GET <url>: <status> Output: <body>`.
struct HTTPCheckMonitor: Sendable {
    let definition: DevConsulCheckDefinition
    let task: Task<Void, Never>

    static func run(
        definition: DevConsulCheckDefinition, client: CurlHTTPClient,
        report: @Sendable (_ status: String, _ output: String) async -> Void
    ) async {
        let method = definition.method.isEmpty ? "GET" : definition.method
        var headers: [(name: String, value: String)] = []
        for (name, values) in definition.header.sorted(by: { $0.key < $1.key }) {
            for value in values { headers.append((name: name, value: value)) }
        }
        let timeout = definition.timeout > .zero ? definition.timeout : DevConsulCheckDefinition.defaultHTTPTimeout
        // Consul staggers the first run randomly within the interval; a short fixed pause is enough here.
        var pause = min(definition.interval.duration, .milliseconds(50))
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: pause)
            } catch {
                return
            }
            pause = definition.interval.duration
            let request = HTTPClientRequest(
                method: method, url: definition.http, headers: headers,
                body: definition.body.isEmpty ? nil : Array(definition.body.utf8), timeout: timeout.duration)
            do {
                let response = try await client.send(request)
                let status: String =
                    switch response.status {
                    case 200...299: DevConsulCheckStatus.passing
                    case 429: DevConsulCheckStatus.warning
                    default: DevConsulCheckStatus.critical
                    }
                let reason = HTTPStatusText.reason(response.status)
                await report(
                    status, "HTTP \(method) \(definition.http): \(response.status) \(reason) Output: \(response.text)")
            } catch .cancelled {
                return
            } catch {
                // Go's url.Error form: `Get "http://…": <reason>`.
                let operation = method.prefix(1).uppercased() + method.dropFirst().lowercased()
                let reason: String
                switch error {
                case .connectionFailed(_, let detail), .timedOut(_, let detail), .transport(_, let detail):
                    reason = detail
                default:
                    reason = error.description
                }
                await report(DevConsulCheckStatus.critical, "\(operation) \(GoText.quote(definition.http)): \(reason)")
            }
        }
    }
}

/// Reason phrases for the status codes a health endpoint is likely to return.
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}

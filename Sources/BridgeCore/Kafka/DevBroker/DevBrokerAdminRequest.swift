/// What a request to the dev broker's admin endpoint asks for. The endpoint is plain HTTP on
/// loopback, so `curl -X POST 127.0.0.1:9644/brokers/all/down` works as well as
/// `bridgectl dev broker down`:
///
///     GET  /brokers                 the brokers and whether each is up
///     POST /brokers/{id|all}/down   take brokers off the network (their data stays)
///     POST /brokers/{id|all}/up     bring them back
public enum DevBrokerAdminRequest: Sendable, Hashable {
    case status
    case set(BrokerSelection, up: Bool)

    public static let usage = "accepted: GET /brokers, POST /brokers/{id|all}/down, POST /brokers/{id|all}/up"

    /// Parses a method and path, or returns the reason it is not a request the endpoint serves.
    public static func parse(method: String, path: String) -> Result<DevBrokerAdminRequest, AdminRequestProblem> {
        let parts = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        switch (method, parts.count) {
        case ("GET", 1) where parts[0] == "brokers":
            return .success(.status)
        case ("POST", 3) where parts[0] == "brokers" && (parts[2] == "down" || parts[2] == "up"):
            do {
                let selection = try BrokerSelection(parsing: String(parts[1]))
                return .success(.set(selection, up: parts[2] == "up"))
            } catch {
                return .failure(AdminRequestProblem(status: 400, reason: error.message))
            }
        default:
            return .failure(AdminRequestProblem(status: 404, reason: "\(method) \(path) is not served; \(usage)."))
        }
    }

    /// The request as method and path, for the client side.
    public var methodAndPath: (method: String, path: String) {
        switch self {
        case .status: ("GET", "/brokers")
        case .set(let selection, let up): ("POST", "/brokers/\(selection)/\(up ? "up" : "down")")
        }
    }
}

/// Why the admin endpoint refused a request, with the HTTP status it answers.
public struct AdminRequestProblem: Error, Sendable, Hashable {
    public var status: Int
    public var reason: String
}

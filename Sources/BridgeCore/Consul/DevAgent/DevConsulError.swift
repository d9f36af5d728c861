/// An error a dev-agent endpoint answers with: Consul's status code and its plain-text body.
public struct DevConsulError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public static func badRequest(_ message: String) -> DevConsulError { DevConsulError(status: 400, message: message) }
    public static func notFound(_ message: String) -> DevConsulError { DevConsulError(status: 404, message: message) }
    public static func internalError(_ message: String) -> DevConsulError {
        DevConsulError(status: 500, message: message)
    }

    public var description: String { "\(status) \(message)" }
}

/// An error that reaches the operator: one sentence saying what failed, why and what to do, and the
/// exit status it maps to. Messages never contain secrets (see `SecretRedaction`).
public struct BridgeError: Error, Sendable, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = SecretRedaction.scrub(message)
    }

    public var description: String { message }

    public static func usage(_ message: String) -> BridgeError { BridgeError(.usage, message) }
    public static func invalidData(_ message: String) -> BridgeError { BridgeError(.invalidData, message) }
    public static func unavailable(_ message: String) -> BridgeError { BridgeError(.unavailable, message) }
    public static func failure(_ message: String) -> BridgeError { BridgeError(.failure, message) }
}

import Foundation

/// Readiness waits: poll a condition until it holds or a generous deadline passes.
public enum Wait {
    public struct TimedOut: Error, CustomStringConvertible {
        public let what: String
        public let seconds: Double
        public var description: String { "timed out after \(seconds) s waiting for \(what)" }
    }

    /// Polls `condition` every `interval` until it returns true; throws `TimedOut` after `timeout`.
    public static func until(
        _ what: String, timeout: Double = 30, interval: Double = 0.05, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
        }
        if try await condition() { return }
        throw TimedOut(what: what, seconds: timeout)
    }

    public static func forPort(_ port: Int, timeout: Double = 30) async throws {
        try await until("127.0.0.1:\(port) to accept connections", timeout: timeout) { FreePort.isListening(port) }
    }
}

import BridgeCore
import Foundation

/// Runs a blocking call (a child process waited for: initdb, pg_ctl) on a thread of its own, never on
/// the cooperative pool, and resumes with its result.
enum BlockingCall {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(BridgeError) -> T) async throws(BridgeError) -> T
    {
        let result: Result<T, BridgeError> = await withCheckedContinuation { continuation in
            Thread {
                do throws(BridgeError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }.start()
        }
        return try result.get()
    }
}

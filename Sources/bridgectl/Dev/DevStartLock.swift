import BridgeCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets one `dev up` at a time, on this host, choose and bind the stack's ports. Each picks the
/// conventional port when it is free, and its child binds it a moment later: two starting together
/// both saw 9092 free and one of them failed. The second now waits until the first is up (its ports
/// taken), then picks free ones. An flock(2), so a `dev up` that dies releases it with its process.
final class DevStartLock: Sendable {
    static let path = "/tmp/bridgectl-dev-up.lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock, calling `waiting` once if another `dev up` holds it, and giving up after
    /// `timeout` seconds.
    static func acquire(timeout: Double = 180, waiting: () -> Void) async throws(BridgeError) -> DevStartLock {
        let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .failure(
                "cannot open \(path) to coordinate with other 'dev up' runs: \(String(cString: strerror(errno))); check /tmp is writable"
            )
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var told = false
        // Polled without blocking: a blocking flock would hold a thread and ignore cancellation.
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .failure("cannot lock \(path): \(reason)")
            }
            if !told {
                waiting()
                told = true
            }
            if Task.isCancelled {
                close(descriptor)
                throw BridgeError(.interrupted, "interrupted while waiting for another 'dev up' to start")
            }
            guard ContinuousClock.now < deadline else {
                close(descriptor)
                throw .unavailable(
                    "another 'dev up' on this host has been starting for over \(Int(timeout)) s (it holds \(path)); stop it or wait"
                )
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return DevStartLock(descriptor: descriptor)
    }

    deinit {
        close(descriptor)
    }
}

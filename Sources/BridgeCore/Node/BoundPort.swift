import Synchronization

/// The HTTP server's port once it is bound (`--port 0` lets the kernel choose), handed to whoever
/// waits for it: the node announces endpoints on that port, so it announces only after the bind.
public final class BoundPort: Sendable {
    private struct Contents {
        var port: Int?
        var waiters: [CheckedContinuation<Int?, Never>] = []
    }

    private let contents = Mutex(Contents())

    public init() {}

    public func set(_ port: Int) {
        let waiters = contents.withLock { contents in
            contents.port = port
            defer { contents.waiters = [] }
            return contents.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    /// The port, once bound; nil if `abandon()` was called first (the server never bound).
    public func value() async -> Int? {
        await withCheckedContinuation { continuation in
            let ready: Int?? = contents.withLock { contents in
                if let port = contents.port { return .some(port) }
                contents.waiters.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Wakes every waiter with nil (shutdown before the server bound).
    public func abandon() {
        let waiters = contents.withLock { contents in
            defer { contents.waiters = [] }
            return contents.waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }
}

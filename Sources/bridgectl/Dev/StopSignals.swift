import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGINT turned into one call of `onStop`'s action, for a command that must clean up
/// whatever phase it is in: installed before its first step, so a signal never kills it halfway
/// (`dev up` killed while starting left its children and its PostgreSQL cluster running).
///
/// `@unchecked Sendable`: the signal sources are created in init and only cancelled in deinit;
/// everything else is behind the Mutex.
final class StopSignals: @unchecked Sendable {
    private struct State {
        var received: Int32?
        var action: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        let queue = DispatchQueue(label: "bridgectl.stop-signals")
        sources = signals.map { number in
            // The default action (end the process at once) is what this replaces.
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: queue)
        }
        for (source, number) in zip(sources, signals) {
            source.setEventHandler { [weak self] in self?.receive(number) }
            source.resume()
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// The first signal received, if any.
    var received: Int32? { state.withLock { $0.received } }

    /// Runs `action` at the first signal, or now when one came already. Replaces an earlier action.
    func onStop(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            state.action = action
            return state.received != nil
        }
        if now { action() }
    }

    private func receive(_ number: Int32) {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            if state.received == nil { state.received = number }
            return state.action
        }
        action?()
    }
}

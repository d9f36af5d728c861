import BridgeCore
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Routes SIGINT while the REPL runs: it cancels the running command's task; with no command
/// running it clears the line being edited. libdispatch's handler stays installed, so
/// Ctrl-C never ends the REPL process itself.
///
/// `@unchecked Sendable`: `source` is set once in init and only cancelled in deinit; the task slot is
/// behind a Mutex.
final class InterruptRouter: @unchecked Sendable {
    private let current = Mutex<Task<ReplSession.Outcome, Never>?>(nil)
    private let interrupted = Atomic<Bool>(false)
    private let source: any DispatchSourceSignal

    init() {
        let source = DispatchSource.makeSignalSource(
            signal: SIGINT, queue: DispatchQueue(label: "bridgectl.repl.sigint"))
        self.source = source
        source.setEventHandler { [weak self] in
            guard let self else { return }
            guard let task = self.current.withLock({ $0 }) else {
                LineEditor.shared.interrupt()
                return
            }
            self.interrupted.store(true, ordering: .relaxed)
            task.cancel()
        }
        source.resume()
    }

    deinit { source.cancel() }

    /// Sets the running task (nil when it ended); returns whether Ctrl-C was pressed while the
    /// previous one ran.
    @discardableResult
    func running(_ task: Task<ReplSession.Outcome, Never>?) -> Bool {
        current.withLock { $0 = task }
        return interrupted.exchange(false, ordering: .relaxed)
    }
}

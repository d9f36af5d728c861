import Synchronization

/// The registry's `RegistryHealth`, shared between the pipeline (which updates it) and the HTTP
/// handlers (which read it).
final class RegistryHealthBoard: Sendable {
    private let state: Mutex<RegistryHealth>

    init(_ initial: RegistryHealth) {
        state = Mutex(initial)
    }

    func withLock<T: Sendable>(_ body: (inout RegistryHealth) -> T) -> T {
        state.withLock { body(&$0) }
    }

    var snapshot: RegistryHealth { state.withLock { $0 } }
}

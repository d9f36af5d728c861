import Synchronization

/// Asks a running consume loop to stop after the event it is handling (set from a signal handler,
/// a graceful-shutdown callback, or another task).
public final class KafkaStopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func stop() { flag.store(true, ordering: .releasing) }

    public var isStopped: Bool { flag.load(ordering: .acquiring) }
}

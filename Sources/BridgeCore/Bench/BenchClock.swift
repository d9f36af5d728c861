/// Monotonic seconds since a benchmark run started: every time a run records (sent, acknowledged,
/// first seen in a store) is on this one clock.
public struct BenchClock: Sendable {
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    public init() { origin = clock.now }

    public var now: Double {
        origin.duration(to: clock.now).seconds
    }
}

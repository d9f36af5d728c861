/// When a node's heartbeats are due: the first promptly after start, then every interval on a fixed
/// grid (no drift). After an outage the node resumes with one heartbeat, never a burst of the ones it
/// missed.
public struct HeartbeatSchedule: Sendable, Hashable {
    public let intervalSeconds: Double
    public private(set) var nextDue: Double

    /// `start` in seconds on a monotonic clock.
    public init(intervalSeconds: Double, start: Double, firstDelaySeconds: Double = 0.1) {
        self.intervalSeconds = intervalSeconds
        self.nextDue = start + min(firstDelaySeconds, intervalSeconds)
    }

    public func isDue(at now: Double) -> Bool { now >= nextDue }

    /// Records a heartbeat sent at `now` and moves to the next slot on the grid after `now`.
    public mutating func sent(at now: Double) {
        let missed = ((now - nextDue) / intervalSeconds).rounded(.down)
        nextDue += (max(missed, 0) + 1) * intervalSeconds
    }

    public func secondsUntilDue(at now: Double) -> Double { max(0, nextDue - now) }
}

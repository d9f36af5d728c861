/// Exponential backoff with full jitter for the reconciler's retries: attempt n waits a random time
/// in [0, min(cap, base × 2^n)], so registries retrying against a store that just came back do not
/// synchronise.
public struct RetryBackoff: Sendable, Hashable {
    public let baseSeconds: Double
    public let capSeconds: Double
    public private(set) var attempt: Int = 0

    public init(baseSeconds: Double = 0.1, capSeconds: Double = 5) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// The ceiling of the next wait, before jitter.
    public var ceilingSeconds: Double {
        min(capSeconds, baseSeconds * Double(1 << min(attempt, 30)))
    }

    /// The next wait, and counts the attempt.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Double {
        let ceiling = ceilingSeconds
        attempt += 1
        return Double.random(in: 0...ceiling, using: &generator)
    }

    public mutating func reset() { attempt = 0 }
}

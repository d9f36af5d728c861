extension HeartbeatSchedule {
    /// Schedules for `count` nodes sharing one interval: node i starts `i / count` of an interval
    /// after node 0, so a simulated fleet's heartbeats are spread evenly over the interval instead
    /// of all leaving at once.
    public static func spread(
        count: Int, intervalSeconds: Double, start: Double, firstDelaySeconds: Double = 0.1
    ) -> [HeartbeatSchedule] {
        (0..<max(count, 0)).map { index in
            HeartbeatSchedule(
                intervalSeconds: intervalSeconds,
                start: start + intervalSeconds * Double(index) / Double(count),
                firstDelaySeconds: firstDelaySeconds)
        }
    }
}

import BridgeEvents
import Foundation

/// Reads this process's resident memory and CPU use from /proc for NODE_HEARTBEAT's `resource_usage`.
/// CPU percent is over the interval since the previous sample.
public struct ResourceSampler: Sendable {
    private var previousCPUSeconds: Double?
    private var previousWallSeconds: Double?
    private let clockTicksPerSecond: Double
    private let pageSize: Double
    private let totalMemoryMB: Double?

    public init() {
        clockTicksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        totalMemoryMB = Self.totalMemoryMB()
    }

    public mutating func sample(wallSeconds: Double) -> ResourceUsage {
        let rssMB = Self.residentPages().map { $0 * pageSize / 1_048_576 }
        var cpuPercent: Double?
        if let cpu = Self.cpuTicks().map({ $0 / clockTicksPerSecond }) {
            if let previousCPUSeconds, let previousWallSeconds, wallSeconds > previousWallSeconds {
                cpuPercent = max(0, (cpu - previousCPUSeconds) / (wallSeconds - previousWallSeconds) * 100)
            }
            previousCPUSeconds = cpu
            previousWallSeconds = wallSeconds
        }
        let memoryPercent = rssMB.flatMap { rss in totalMemoryMB.map { rss / $0 * 100 } }
        return ResourceUsage(
            cpuPercent: cpuPercent.map(Self.round2), memoryMB: rssMB.map(Self.round2),
            memoryPercent: memoryPercent.map(Self.round2))
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// utime + stime from /proc/self/stat (fields 14 and 15; the command name may contain spaces,
    /// so fields are counted after its closing parenthesis).
    static func cpuTicks() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return user + system
    }

    static func residentPages() -> Double? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? Double(fields[1]) : nil
    }

    static func totalMemoryMB() -> Double? {
        guard let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
        else { return nil }
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
        return kilobytes.map { $0 / 1024 }
    }
}

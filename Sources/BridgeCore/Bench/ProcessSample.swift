import Foundation

/// Resident memory and CPU time of another process, from /proc/<pid> (the registry, when its pid is
/// known from `stack.json` or `--registry-pid`).
public struct ProcessSample: Sendable, Hashable {
    public var residentMegabytes: Double
    public var cpuSeconds: Double

    public static func read(pid: Int32) -> ProcessSample? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may contain spaces): utime and stime are 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let pages = statm.split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]), pages.count > 1,
            let resident = Double(pages[1])
        else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        return ProcessSample(residentMegabytes: resident * pageSize / 1_048_576, cpuSeconds: (user + system) / ticks)
    }
}

import BridgeEvents
import Foundation

/// The machine a benchmark ran on, for its JSON: cores, memory, kernel, CPU model and the load
/// average when it started (the machine may be shared).
public enum MachineDescription {
    public static func current() -> JSONValue {
        var object: [String: JSONValue] = [
            "cores": .int(Int64(ProcessInfo.processInfo.activeProcessorCount)),
            "memory_mb": .int(Int64(ProcessInfo.processInfo.physicalMemory / 1_048_576)),
            "kernel": .string(kernelRelease()),
        ]
        if let model = firstLine(of: "/proc/cpuinfo", prefix: "model name") {
            object["cpu"] = .string(
                String(model.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces))
        }
        if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
            object["load_average"] = .string(load.split(separator: " ").prefix(3).joined(separator: " "))
        }
        return .object(object)
    }

    static func kernelRelease() -> String {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        let system = withUnsafeBytes(of: &name.sysname) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return system + " " + release
    }

    static func firstLine(of path: String, prefix: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }
}

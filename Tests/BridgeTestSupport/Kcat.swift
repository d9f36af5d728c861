import Foundation

/// The kcat command-line tool (Debian's `kcat` package), for cross-checks against a real
/// librdkafka client that is not ours.
public enum Kcat {
    public static let url = URL(fileURLWithPath: "/usr/bin/kcat")

    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    /// Runs kcat to completion.
    public static func run(
        _ arguments: [String], timeout: Double = 60
    ) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = try SpawnedProcess(executable: url, arguments: arguments)
        let status = try await process.waitForExit(timeout: timeout)
        return (status, process.stdout, process.stderr)
    }

    /// Produces one message per line (`key<delimiter>value` when `keyDelimiter` is given), with the
    /// same headers on each; returns kcat's result.
    public static func produce(
        brokers: String, topic: String, lines: [String], keyDelimiter: String? = nil, headers: [String] = [],
        extra: [String] = []
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kcat-input-\(UUID().uuidString)")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["-P", "-b", brokers, "-t", topic, "-l"]
        if let keyDelimiter { arguments += ["-K", keyDelimiter] }
        for header in headers { arguments += ["-H", header] }
        return try await run(arguments + extra + [file.path])
    }

    /// Reads a whole topic (`-e`) with `-f format`; one output line per message when the format ends
    /// in `\n`.
    public static func consumeAll(
        brokers: String, topic: String, format: String = "%s\\n"
    ) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        try await run(["-C", "-b", brokers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", format])
    }
}

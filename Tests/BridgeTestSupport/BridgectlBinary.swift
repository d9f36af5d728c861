import Foundation

/// Locates the `bridgectl` executable that this test run was built with (beside the test bundle in
/// the build products folder), or the one named by `BRIDGECTL_BIN`.
public enum BridgectlBinary {
    public static var url: URL {
        if let explicit = ProcessInfo.processInfo.environment["BRIDGECTL_BIN"] {
            return URL(fileURLWithPath: explicit)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The XCTest/Swift Testing runner lives in <products>/<package>PackageTests.xctest on Linux.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("bridgectl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
            ".build/debug/bridgectl")
    }

    /// Starts `bridgectl` with `arguments`.
    public static func spawn(_ arguments: [String], environment: [String: String] = [:]) throws -> SpawnedProcess {
        try SpawnedProcess(executable: url, arguments: arguments, environment: environment)
    }

    /// Runs `bridgectl` to completion and returns (status, stdout, stderr).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60
    )
        async throws -> (status: Int32, stdout: String, stderr: String)
    {
        let process = try spawn(arguments, environment: environment)
        let status = try await process.waitForExit(timeout: timeout)
        return (status, process.stdout, process.stderr)
    }
}

import Foundation
import Synchronization

/// A child process started by a test (usually `bridgectl`), with stdout and stderr captured. Every
/// one is tracked so a test can make sure nothing it started is left running.
public final class SpawnedProcess: Sendable {
    public let arguments: [String]
    private let process: Process
    private let output = CapturedOutput()
    private static let live = Mutex<[Int32: String]>([:])

    /// Processes started by tests that have not exited yet (pid → command line).
    public static var running: [Int32: String] {
        live.withLock { $0 }.filter { kill($0.key, 0) == 0 }
    }

    public init(
        executable: URL, arguments: [String], environment: [String: String] = [:], inheritEnvironment: Bool = true
    ) throws {
        self.arguments = arguments
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        self.process = process
        try process.run()
        // Each pipe is drained to end-of-file by a thread of its own, so nothing the child wrote is
        // lost however much it writes or however quickly it exits.
        for (pipe, isError) in [(stdoutPipe, false), (stderrPipe, true)] {
            let handle = pipe.fileHandleForReading
            let output = self.output
            Thread.detachNewThread {
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    output.append(data, toStandardError: isError)
                }
                output.finish(standardError: isError)
            }
        }
        let pid = process.processIdentifier
        let commandLine = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        Self.live.withLock { $0[pid] = commandLine }
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var stdout: String { output.text(standardError: false) }
    public var stderr: String { output.text(standardError: true) }

    /// Sends `signal` (SIGTERM by default).
    public func signal(_ signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for exit and returns the exit status (or 128+signal when killed by a signal).
    @discardableResult
    public func waitForExit(timeout: Double = 30) async throws -> Int32 {
        try await Wait.until("\(arguments.first ?? "process") to exit", timeout: timeout) { !process.isRunning }
        // Wait for the readers to reach end-of-file (bounded: a grandchild may hold the pipe open).
        try? await Wait.until("output to drain", timeout: 5, interval: 0.005) { output.isComplete }
        Self.live.withLock { _ = $0.removeValue(forKey: process.processIdentifier) }
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Waits until stdout or stderr contains `text`. Generous by default: a whole-suite run once
    /// stalled a test's child processes for ~30 s.
    public func waitForOutput(_ text: String, timeout: Double = 60) async throws {
        try await Wait.until("output containing '\(text)'", timeout: timeout) {
            stdout.contains(text) || stderr.contains(text)
        }
    }

    /// SIGTERM, then SIGKILL if still running after `grace` seconds.
    public func stop(grace: Double = 5) async {
        signal(SIGTERM)
        if (try? await waitForExit(timeout: grace)) == nil {
            signal(SIGKILL)
            _ = try? await waitForExit(timeout: 5)
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// What a child wrote, appended from the pipes' reader threads.
final class CapturedOutput: Sendable {
    private let buffers = Mutex<(stdout: Data, stderr: Data, finished: Int)>((Data(), Data(), 0))

    func append(_ data: Data, toStandardError: Bool) {
        buffers.withLock { if toStandardError { $0.stderr.append(data) } else { $0.stdout.append(data) } }
    }

    func finish(standardError: Bool) {
        buffers.withLock { $0.finished += 1 }
    }

    /// Both pipes reached end-of-file.
    var isComplete: Bool { buffers.withLock { $0.finished == 2 } }

    func text(standardError: Bool) -> String {
        buffers.withLock { String(decoding: standardError ? $0.stderr : $0.stdout, as: UTF8.self) }
    }
}

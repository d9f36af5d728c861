import Foundation
import Synchronization

/// Runs a program on a pseudo-terminal (through util-linux `script`, which allocates the pty, makes
/// it the controlling terminal and forwards our bytes to it), so tests can type into a REPL as a
/// person would — Tab, arrow keys, Ctrl-C (which the tty turns into SIGINT), Ctrl-D — and read the
/// screen it draws.
public final class PseudoTerminal: Sendable {
    public static let tab = "\t"
    public static let enter = "\r"
    public static let upArrow = "\u{1B}[A"
    public static let controlC = "\u{03}"
    public static let controlD = "\u{04}"
    public static let controlU = "\u{15}"

    private let process: Process
    private let input: FileHandle
    private let screen = Mutex<[UInt8]>([])
    private let finished = Mutex(false)

    public init(executable: URL, arguments: [String], environment: [String: String] = [:]) throws {
        // `exec`: the shell `script` starts ($SHELL, else /bin/sh) must not stay behind as the program's
        // parent. dash does, in the same process group: it receives every Ctrl-C too, holds it while
        // it waits, and kills itself with SIGINT when the program exits, so `script -e` reported 130
        // for a REPL that had exited 0 (only where SHELL is unset, as on a fresh CI machine).
        let commandLine =
            "exec " + ([executable.path] + arguments).map(Self.shellQuote).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-f", "-e", "-c", commandLine, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["COLUMNS"] = "200"
        env["LINES"] = "50"
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stdoutPipe
        self.process = process
        self.input = stdinPipe.fileHandleForWriting
        try process.run()
        let handle = stdoutPipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                screen.withLock { $0 += data }
            }
            finished.withLock { $0 = true }
        }
    }

    /// Everything the program drew so far, with terminal escape sequences and carriage returns removed.
    public var text: String { Self.plain(screen.withLock { $0 }) }

    /// How much has been drawn: pass it to `waitFor(_:after:)` to look only at what comes next.
    public var mark: Int { screen.withLock { $0.count } }

    /// Text drawn after `mark`, escape sequences removed.
    public func text(after mark: Int) -> String {
        Self.plain(screen.withLock { Array($0.dropFirst(mark)) })
    }

    public func type(_ text: String) {
        input.write(Data(text.utf8))
    }

    /// Waits until `needle` appears in what was drawn after `mark`.
    public func waitFor(_ needle: String, after mark: Int = 0, timeout: Double = 60) async throws {
        try await waitFor(inOrder: [needle], after: mark, timeout: timeout)
    }

    /// Waits until `needles` appear one after the other in what was drawn after `mark` (a prompt
    /// after a command's output, not the prompt the command was typed at).
    public func waitFor(inOrder needles: [String], after mark: Int = 0, timeout: Double = 60) async throws {
        let what = needles.map(\.debugDescription).joined(separator: " then ")
        do {
            try await Wait.until("the terminal to show \(what)", timeout: timeout) {
                var rest = Substring(self.text(after: mark))
                for needle in needles {
                    guard let found = rest.range(of: needle) else { return false }
                    rest = rest[found.upperBound...]
                }
                return true
            }
        } catch {
            // What the screen showed instead is what tells a failure's cause.
            let state = process.isRunning ? "still running" : "exited with \(process.terminationStatus)"
            throw TerminalWaitFailure(
                description:
                    "\(error); the program is \(state); the screen's end: \(String(text.suffix(800)).debugDescription)"
            )
        }
    }

    public var isRunning: Bool { process.isRunning }

    /// Waits for the program (and `script`) to exit and returns its status.
    public func waitForExit(timeout: Double = 20) async throws -> Int32 {
        try await Wait.until("the terminal's program to exit", timeout: timeout) { !self.process.isRunning }
        return process.terminationStatus
    }

    /// Ends it whatever state it is in (kills `script`, which hangs up the pty: the program gets SIGHUP).
    public func stop() {
        if process.isRunning {
            try? input.close()
            process.terminate()
        }
    }

    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Drops CSI/OSC escape sequences, other ESC pairs, BEL, backspaces' effects are kept as is.
    static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "[") {
                    index += 2
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    index += 1
                    continue
                }
                if next == UInt8(ascii: "]") {
                    index += 2
                    while index < bytes.count, bytes[index] != 0x07 { index += 1 }
                    index += 1
                    continue
                }
                index += 2
                continue
            }
            if byte == 0x07 || byte == 0x0D {
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

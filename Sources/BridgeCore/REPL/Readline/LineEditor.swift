@preconcurrency import CReadline
import Dispatch
import Foundation
import Synchronization

/// GNU readline for the REPL: prompt with line editing, history (arrow keys, a history file) and Tab
/// completion. readline keeps global state, so there is one editor per process (`shared`); its
/// blocking `readline()` runs on a dedicated queue, never on Swift's cooperative pool.
public final class LineEditor: Sendable {
    public static let shared = LineEditor()

    /// Supplies completions: given the whole line so far and the word being completed, the candidates.
    public typealias Completer = @Sendable (_ line: String, _ word: String) -> [String]

    private let queue = DispatchQueue(label: "bridgectl.readline")
    private let state = Mutex<EditorState>(EditorState())

    struct EditorState {
        var completer: Completer?
        var candidates: [String] = []
        var historyPath: String?
        /// The line readline's callback handed over: .some(nil) is end of input.
        var finished: String??
    }

    /// Written by `interrupt()` to wake the reading loop out of poll(2).
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFL, O_NONBLOCK)
    }

    /// Loads the history file (if any) and installs the completer.
    public func configure(historyPath: String?, completer: Completer?) {
        state.withLock {
            $0.historyPath = historyPath
            $0.completer = completer
        }
        queue.sync {
            // SIGINT is the REPL's business (it cancels the running command, or calls interrupt());
            // readline must not install handlers of its own over it.
            rl_catch_signals = 0
            using_history()
            if let historyPath { _ = read_history(historyPath) }
            rl_attempted_completion_function = { text, _, _ in
                // Filename completion is never what a bridgectl word wants.
                rl_attempted_completion_over = 1
                return rl_completion_matches(text) { text, index in
                    LineEditor.shared.candidate(prefix: text.map { String(cString: $0) } ?? "", index: index)
                }
            }
        }
    }

    /// Reads one line with the prompt; nil at end of input (Ctrl-D).
    public func readLine(prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.readLineOnQueue(prompt: prompt))
            }
        }
    }

    /// Ctrl-C at the prompt: abandons the line being edited and shows a fresh prompt (safe from any
    /// thread: it only wakes the reading loop).
    public func interrupt() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// readline's alternate (callback) interface under our own poll(2) loop, so an interrupt can
    /// reach the line editor while it waits for a key.
    private func readLineOnQueue(prompt: String) -> String? {
        state.withLock { $0.finished = nil }
        rl_callback_handler_install(prompt) { raw in
            let line = raw.map { String(cString: $0) }
            free(raw)
            // Removed here, as readline's manual does: otherwise it draws the prompt again at once.
            rl_callback_handler_remove()
            LineEditor.shared.state.withLock { $0.finished = .some(line) }
        }
        defer { rl_callback_handler_remove() }
        while true {
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if fds[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &sink, sink.count) > 0 {}
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_replace_line("", 0)
                fputs("^C", rl_outstream ?? stdout)
                rl_crlf()
                rl_on_new_line()
                rl_redisplay()
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if let result = state.withLock({ $0.finished }) { return result }
            }
        }
    }

    /// Adds a line to the history (blank lines and immediate repeats are not kept) and appends it to
    /// the history file.
    public func remember(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        let path = state.withLock { $0.historyPath }
        queue.sync {
            if history_length > 0, let last = history_get(history_base + history_length - 1),
                let text = last.pointee.line, String(cString: text) == line
            {
                return
            }
            add_history(line)
            if let path {
                if FileManager.default.fileExists(atPath: path) {
                    _ = append_history(1, path)
                } else {
                    _ = write_history(path)
                }
                _ = history_truncate_file(path, 1000)
            }
        }
    }

    /// readline's generator protocol: called with index 0, 1, 2… until it returns NULL; each match is
    /// malloc'd because readline frees it.
    private func candidate(prefix: String, index: Int32) -> UnsafeMutablePointer<CChar>? {
        let match: String? = state.withLock { state in
            if index == 0 {
                let line = rl_line_buffer.map { String(cString: $0) } ?? ""
                let upToCursor = String(line.prefix(Int(rl_point)))
                state.candidates = (state.completer?(upToCursor, prefix) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
            }
            return Int(index) < state.candidates.count ? state.candidates[Int(index)] : nil
        }
        return match.flatMap { strdup($0) }
    }
}

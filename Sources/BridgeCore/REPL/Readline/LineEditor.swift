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
    }

    private init() {}

    /// Loads the history file (if any) and installs the completer.
    public func configure(historyPath: String?, completer: Completer?) {
        state.withLock {
            $0.historyPath = historyPath
            $0.completer = completer
        }
        queue.sync {
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
                guard let raw = readline(prompt) else {
                    continuation.resume(returning: nil)
                    return
                }
                let line = String(cString: raw)
                free(raw)
                continuation.resume(returning: line)
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

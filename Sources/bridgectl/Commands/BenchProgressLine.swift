import Foundation
import Synchronization

/// Progress on stderr: one line rewritten in place on a terminal, otherwise a line each time (the
/// scenarios report about once a second).
final class BenchProgressLine: Sendable {
    private let terminal = isatty(2) != 0
    private let shown = Mutex(false)

    func show(_ text: String) {
        if terminal {
            shown.withLock { $0 = true }
            let bytes = Array(("\r\u{1B}[K" + text).utf8)
            _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
        } else {
            StandardStreams.error(text)
        }
    }

    func finish() {
        if terminal, shown.withLock({ $0 }) { StandardStreams.error("") }
    }
}

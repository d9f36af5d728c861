#if canImport(Glibc)
    import Glibc
#endif

/// Standard output written in large chunks with write(2), for commands that print many lines
/// (`consume topic`) and for long-running ones that must show a line at once (`flush()`).
///
/// `@unchecked Sendable`: used by one thread at a time — the command, or the consumer queue that
/// runs the read loop while the command waits for it.
final class OutputBuffer: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private let chunk: Int
    /// Set when stdout was closed under us (a pipe whose reader left): further output is dropped.
    private(set) var broken = false

    init(chunk: Int = 64 * 1024) {
        self.chunk = chunk
        bytes.reserveCapacity(chunk * 2)
    }

    func append(_ data: [UInt8]) {
        bytes += data
        if bytes.count >= chunk { flush() }
    }

    func line(_ text: String) {
        bytes += text.utf8
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count >= chunk { flush() }
    }

    /// Appends through a closure that writes into the buffer directly (no intermediate array).
    func appending(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
        if bytes.count >= chunk { flush() }
    }

    func flush() {
        defer { bytes.removeAll(keepingCapacity: true) }
        guard !broken else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer in
                write(1, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                broken = true
                return
            }
            offset += written
        }
    }
}

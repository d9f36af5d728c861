#if canImport(Glibc)
    import Glibc
#endif

/// The CLI owns stdout and stderr; libraries log instead of printing.
enum StandardStreams {
    /// One line on stderr, written with a single write(2) so lines from threads never interleave.
    static func error(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }

    static func output(_ line: String) {
        print(line)
    }
}

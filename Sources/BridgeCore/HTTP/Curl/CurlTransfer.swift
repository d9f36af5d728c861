/// What libcurl's callbacks write into during one `curl_easy_perform`: the body, the header lines,
/// and the job whose cancellation aborts the transfer. Owned by one `CurlEasyHandle` and touched
/// only by that handle's thread (libcurl calls the callbacks on the thread that performs).
final class CurlTransfer {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var job: CurlJob?

    func reset(for job: CurlJob) {
        // Not `keepingCapacity`: the previous body went out with its response, so keeping the capacity
        // meant allocating a buffer as large as the largest body ever read (a registry's listing of
        // 10,000 services: ~9 MB) for every small request after it, on every pooled handle.
        body = []
        headers.removeAll(keepingCapacity: true)
        self.job = job
    }

    /// One raw header line (with its CRLF). A status line starts a new header block, so headers of
    /// a `100 Continue` or of a redirect are dropped.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var line = String(decoding: bytes, as: UTF8.self)
        // Scalars, not Characters: "\r\n" is a single Character.
        while let last = line.unicodeScalars.last, last == "\n" || last == "\r" { line.unicodeScalars.removeLast() }
        if line.hasPrefix("HTTP/") {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingSpaces()
        headers.append((name: name, value: value))
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

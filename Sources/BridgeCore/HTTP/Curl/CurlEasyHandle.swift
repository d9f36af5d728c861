import CCurl

/// One libcurl easy handle: one kept-alive connection, reused for every request its worker thread
/// performs. Created, used and freed on that one thread, so it needs no locking and is not Sendable.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let transfer = CurlTransfer()
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let configuration: CurlHTTPClient.Configuration
    /// COPYPOSTFIELDS needs a non-null pointer even for an empty body.
    private static let emptyBody: [UInt8] = [0]

    init?(configuration: CurlHTTPClient.Configuration) {
        guard CurlGlobal.initialized, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        // Several threads use libcurl at once: no signals (timeouts would otherwise use SIGALRM).
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        _ = ccurl_setopt_str(handle, CURLOPT_USERAGENT, configuration.userAgent)
        _ = ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        // Callbacks cannot capture context: the transfer travels through libcurl's user-data slots.
        // `transfer` lives as long as this handle, which outlives every perform.
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_write_cb(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, context)
        _ = ccurl_setopt_header_cb(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, context)
        _ = ccurl_setopt_xferinfo_cb(handle) { context, _, _, _, _ in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.job?.isAbortRequested == true ? 1 : 0
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_XFERINFODATA, context)
        _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs `job`'s request on this handle's connection (blocking: call it on the worker thread).
    func perform(_ job: CurlJob) -> Result<HTTPClientResponse, HTTPClientError> {
        let request = job.request
        transfer.reset(for: job)
        defer { transfer.job = nil }
        errorBuffer[0] = 0

        _ = ccurl_setopt_str(handle, CURLOPT_URL, request.url)
        _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 0)
        let timeout = request.timeout ?? configuration.requestTimeout
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)

        var headerList: UnsafeMutablePointer<curl_slist>?
        // libcurl would otherwise wait for `100 Continue` before sending larger bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        var hasContentType = false
        for (name, value) in request.headers {
            if name.equalsIgnoringASCIICase("Content-Type") { hasContentType = true }
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        defer {
            _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(headerList)
        }

        switch (request.method, request.body) {
        case ("GET", nil):
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            _ = ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, nil)
        case ("HEAD", _):
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            _ = ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, nil)
            _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
        case (let method, nil) where method != "PUT" && method != "POST":
            _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            _ = ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
        case (let method, let body):
            // CUSTOMREQUEST + COPYPOSTFIELDS sends the body with Content-Length; no read callback.
            if !hasContentType { headerList = curl_slist_append(headerList, "Content-Type:") }
            let bytes = body ?? []
            _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            (bytes.isEmpty ? Self.emptyBody : bytes).withUnsafeBytes { raw in
                _ = ccurl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            }
            _ = ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
        }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { return .failure(error(for: code, url: request.url)) }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPClientResponse(status: status, headers: transfer.headers, body: transfer.body))
    }

    private func error(for code: CURLcode, url: String) -> HTTPClientError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionFailed(url: url, reason: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: url, reason: detail)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        default:
            return .transport(url: url, reason: detail)
        }
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no timeout").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

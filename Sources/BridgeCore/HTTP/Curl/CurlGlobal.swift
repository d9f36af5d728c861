import CCurl

/// `curl_global_init` must run once, before any handle exists and not concurrently with anything
/// else in libcurl; a `static let` gives exactly that (Swift initializes it once, thread-safely).
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// libcurl's version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13".
    static var version: String { String(cString: curl_version()) }
}

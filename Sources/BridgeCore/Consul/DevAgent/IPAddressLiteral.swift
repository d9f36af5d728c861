#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recognizes IP address literals (what Go's `net.ParseIP` accepts), without name resolution.
enum IPAddressLiteral {
    enum Family { case v4, v6 }

    static func family(of text: String) -> Family? {
        guard !text.isEmpty else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return .v4 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return .v6 }
        return nil
    }
}

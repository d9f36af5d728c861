/// The value rules of contracts/events.md that are not a plain type: identifiers, versions, URLs,
/// sizes. Each `…Problem` function returns nil when the value is accepted, or what is wrong with it.
public enum ContractRules {
    /// librdkafka's default `message.max.bytes`: larger messages are refused before parsing.
    public static let maximumMessageBytes = 1_000_000
    /// `capabilities`, `endpoints` and `metadata` are open objects of at most 64 KiB of JSON each.
    public static let openObjectLimit = 64 * 1024

    public static let nodeIDAccepted =
        "expected 1-128 characters of A-Z a-z 0-9 . _ : - not starting or ending with '.' and without '..'"
    public static let registryIDAccepted = "expected 1-128 characters of A-Z a-z 0-9 _ -"

    /// A node id is a Consul service ID and a URL path segment.
    public static func nodeIDProblem(_ id: String) -> String? {
        let quoted = ContractViolation.quote(.string(id))
        if id.isEmpty { return "is empty" }
        if id.utf8.count > 128 { return "is \(id.utf8.count) characters long" }
        for byte in id.utf8 where !isNodeIDByte(byte) {
            return "\(quoted) contains \(describe(byte))"
        }
        if id.hasPrefix(".") || id.hasSuffix(".") { return "\(quoted) starts or ends with '.'" }
        if id.contains("..") { return "\(quoted) contains '..'" }
        return nil
    }

    public static func registryIDProblem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.utf8.count > 128 { return "is \(id.utf8.count) characters long" }
        for byte in id.utf8 where !(isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")) {
            return "\(ContractViolation.quote(.string(id))) contains \(describe(byte))"
        }
        return nil
    }

    /// Semantic versioning 2.0.0: MAJOR.MINOR.PATCH with optional pre-release and build parts.
    public static func isSemanticVersion(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        var core = Substring(text)
        if let plus = core.firstIndex(of: "+") {
            let build = core[core.index(after: plus)...]
            guard isDotSeparatedIdentifiers(build) else { return false }
            core = core[..<plus]
        }
        if let dash = core.firstIndex(of: "-") {
            let prerelease = core[core.index(after: dash)...]
            guard isDotSeparatedIdentifiers(prerelease) else { return false }
            core = core[..<dash]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy(isDigit) && (part == "0" || !part.hasPrefix("0"))
        }
    }

    private static func isDotSeparatedIdentifiers(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") } }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isNodeIDByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "-")
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: " "): "a space"
        case UInt8(ascii: "/"): "'/'"
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "a byte outside printable ASCII"
        }
    }
}

extension ContractRules {
    /// Characters of a DNS-compatible Consul service name.
    public static func isServiceNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }
}

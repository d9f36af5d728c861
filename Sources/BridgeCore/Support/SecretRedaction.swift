import Foundation

/// Keeps passwords and tokens out of anything printed or logged. Connection strings are shown with
/// their secrets replaced by `***`, in both libpq forms (URL and key=value) and in free text.
public enum SecretRedaction {
    public static let mask = "***"

    /// A PostgreSQL connection string (URL or key=value) with its password masked.
    public static func redactConnectionString(_ text: String) -> String {
        scrub(text)
    }

    /// Masks `scheme://user:secret@`, `password=secret` / `password='se cret'`, `?password=…` and
    /// `token=…` wherever they appear in `text`.
    public static func scrub(_ text: String) -> String {
        var result = maskURLUserInfo(text)
        for key in ["password", "token", "sslpassword"] {
            result = maskKeyValue(result, key: key)
        }
        return result
    }

    private static func maskURLUserInfo(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let schemeRange = rest.range(of: "://") {
            output += rest[..<schemeRange.upperBound]
            rest = rest[schemeRange.upperBound...]
            let authorityEnd =
                rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == " " }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                output += authority[..<colon] + ":" + mask + authority[at...]
            } else {
                output += authority
            }
            rest = rest[authorityEnd...]
        }
        return output + rest
    }

    private static func maskKeyValue(_ text: String, key: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: key + "=", options: .caseInsensitive) {
            let precedingIsBoundary =
                range.lowerBound == rest.startIndex
                || [" ", "?", "&", "'", "\""].contains(rest[rest.index(before: range.lowerBound)])
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard precedingIsBoundary else { continue }
            if rest.first == "'" {
                // A quoted libpq value: up to the closing quote, honouring backslash escapes.
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "'" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    if index < rest.endIndex { index = rest.index(after: index) }
                }
                output += "'" + mask + "'"
                rest = index < rest.endIndex ? rest[rest.index(after: index)...] : rest[rest.endIndex...]
            } else {
                let end = rest.firstIndex(where: { $0 == " " || $0 == "&" || $0 == "\n" }) ?? rest.endIndex
                if end != rest.startIndex { output += mask }
                rest = rest[end...]
            }
        }
        return output + rest
    }
}

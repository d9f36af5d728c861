/// A parsed query string, in order, with Go's `url.ParseQuery` semantics: `a&b=1&a=2` has `a` twice,
/// `?passing` is present with an empty value, `+` is a space, and a pair with a malformed escape or a
/// `;` is dropped (as Go's `Request.URL.Query()` drops it).
public struct HTTPQuery: Sendable, Hashable {
    public private(set) var pairs: [Pair]

    public struct Pair: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(pairs: [Pair] = []) {
        self.pairs = pairs
    }

    public init(parsing raw: Substring) {
        var pairs: [Pair] = []
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) where !part.contains(";") {
            let name: Substring
            let value: Substring
            if let equals = part.firstIndex(of: "=") {
                name = part[..<equals]
                value = part[part.index(after: equals)...]
            } else {
                name = part
                value = ""
            }
            guard let decodedName = PercentEncoding.decode(name, plusAsSpace: true),
                let decodedValue = PercentEncoding.decode(value, plusAsSpace: true)
            else { continue }
            pairs.append(Pair(name: decodedName, value: decodedValue))
        }
        self.pairs = pairs
    }

    /// Whether `name` appears at all (`?stale` counts).
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// The first value of `name`, or nil when absent (`""` when present without a value).
    public func first(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order (`?tag=a&tag=b`).
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public mutating func append(_ name: String, _ value: String) {
        pairs.append(Pair(name: name, value: value))
    }

    /// The query as it goes on the wire, every key and value percent-encoded; `""` when empty.
    public var encoded: String {
        pairs.map { pair in
            pair.value.isEmpty
                ? PercentEncoding.encodeComponent(pair.name)
                : PercentEncoding.encodeComponent(pair.name) + "=" + PercentEncoding.encodeComponent(pair.value)
        }.joined(separator: "&")
    }
}

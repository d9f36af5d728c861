/// One comparison of a selector with a value (`Service == "web"`, `"v1" in Tags`, `Meta is empty`).
struct ConsulFilterMatch: Sendable, Equatable {
    enum Operator: Sendable, Equatable {
        case equal, notEqual
        case isEmpty, isNotEmpty
        /// `"v" in Sel` and `Sel contains "v"` mean the same.
        case contains, notContains
        case matches, notMatches
    }

    /// A dotted path: `Service.Meta.k`, `Meta["my-key"]` (both forms give plain keys).
    var selector: [String]
    var op: Operator
    /// The literal compared against; "" for `is empty`.
    var value: String
}

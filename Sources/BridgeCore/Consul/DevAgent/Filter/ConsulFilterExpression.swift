/// A parsed go-bexpr expression: matches combined with `and`, `or` and `not`.
indirect enum ConsulFilterExpression: Sendable, Equatable {
    case and(ConsulFilterExpression, ConsulFilterExpression)
    case or(ConsulFilterExpression, ConsulFilterExpression)
    case not(ConsulFilterExpression)
    case match(ConsulFilterMatch)
}

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

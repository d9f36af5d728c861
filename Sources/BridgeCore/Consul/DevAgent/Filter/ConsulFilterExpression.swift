/// A parsed go-bexpr expression: matches combined with `and`, `or` and `not`.
indirect enum ConsulFilterExpression: Sendable, Equatable {
    case and(ConsulFilterExpression, ConsulFilterExpression)
    case or(ConsulFilterExpression, ConsulFilterExpression)
    case not(ConsulFilterExpression)
    case match(ConsulFilterMatch)
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var milliseconds: Int {
        Int((seconds * 1000).rounded(.up))
    }
}

extension Double {
    /// `10`, `2.5`: seconds as an operator would write them.
    var formattedSeconds: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}

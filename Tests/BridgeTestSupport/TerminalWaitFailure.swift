/// A `waitFor` that timed out, with the end of the screen.
public struct TerminalWaitFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Where configuration comes from, highest precedence first: flags, then the environment, then
/// defaults (DESIGN.md §3). Flags arrive as optionals (nil = not given) so precedence is decided here
/// and nowhere else.
public struct ConfigurationSource: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The process environment.
    public static func process() -> ConfigurationSource {
        ConfigurationSource(environment: ProcessEnvironment.all())
    }

    /// The value of `name`, with empty values treated as unset (as shells and Compose files often
    /// leave `VAR=`).
    public func value(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    public func flagOrEnvironment(_ flag: String?, _ names: String...) -> String? {
        if let flag { return flag }
        for name in names { if let value = value(name) { return value } }
        return nil
    }

    /// A boolean variable: true/false, 1/0, yes/no, on/off (any case).
    public func boolean(_ name: String, default defaultValue: Bool) throws(BridgeError) -> Bool {
        guard let text = value(name) else { return defaultValue }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            throw .usage("\(name)=\(text) is not a boolean; accepted: true, false, 1, 0, yes, no, on, off.")
        }
    }

    /// A positive number of seconds from a flag or a variable.
    public func seconds(_ flag: Double?, _ name: String, default defaultValue: Double) throws(BridgeError) -> Double {
        if let flag {
            guard flag > 0, flag.isFinite else {
                throw .usage("\(flag) is not a valid interval; accepted: a number of seconds greater than 0.")
            }
            return flag
        }
        guard let text = value(name) else { return defaultValue }
        guard let number = Double(text), number > 0, number.isFinite else {
            throw .usage("\(name)=\(text) is not a valid interval; accepted: a number of seconds greater than 0.")
        }
        return number
    }
}

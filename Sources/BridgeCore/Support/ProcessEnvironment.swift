import Foundation
import Synchronization

/// Reads the process environment once, in one place (tests inject their own dictionaries instead).
public enum ProcessEnvironment {
    /// Values that win over the real environment: the REPL's `set` and `--state-dir` put the stack
    /// it talks to here, so every command run inside it resolves flag › these › environment › default
    /// through the same `ConfigurationSource` as on the command line.
    private static let overrides = Mutex<[String: String]>([:])

    public static func all() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in overrides.withLock({ $0 }) { environment[name] = value }
        return environment
    }

    /// Sets (or, with nil, removes) an override of one variable for the rest of this process.
    public static func override(_ name: String, with value: String?) {
        overrides.withLock { $0[name] = value }
    }
}

import Foundation

/// Reads the process environment once, in one place (tests inject their own dictionaries instead).
public enum ProcessEnvironment {
    public static func all() -> [String: String] {
        ProcessInfo.processInfo.environment
    }
}

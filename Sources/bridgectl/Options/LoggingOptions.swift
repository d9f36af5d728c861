import ArgumentParser
import Logging

/// `--log-level` for commands that log (long-running ones and anything talking to a dependency).
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical (default: info).")
    var logLevel: Logger.Level = .info
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension LoggingOptions {
    /// Sends every library's logs to stderr at the chosen level. Call once, at the start of `run()`.
    func bootstrap() {
        let level = logLevel
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

import ArgumentParser
import Logging

/// `--log-level` for one-shot commands (introspect, heartbeat, consume, inspect kafka). They report
/// their own failure in one line, so library logs (librdkafka's retries and the like) stay quiet
/// unless asked for.
struct OneShotLoggingOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway)."
    )
    var logLevel: Logger.Level = .error

    /// Sends library logs to stderr at the chosen level. Call once, at the start of `run()`.
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

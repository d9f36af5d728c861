import ArgumentParser
import BridgeCore
import Foundation

/// `bench compare OLD.json NEW.json`: exit 1 naming every measurement worse by more than the threshold.
struct BenchCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two --json results; exit 1 naming the measurements that regressed beyond the threshold.",
        discussion: """
            Both files must come from the same scenario. Each measurement is compared in its own direction \
            (a latency regresses when it grows, a throughput when it shrinks).

            Examples:
              bridgectl bench fleet --nodes 1000 --json before.json
              bridgectl bench compare before.json after.json --threshold 15%
            """)

    @Argument(help: "The baseline run's JSON.")
    var old: String

    @Argument(help: "The new run's JSON.")
    var new: String

    @Option(name: .long, help: "How much worse counts as a regression: 10% or 0.1.")
    var threshold = "10%"

    func run() async throws {
        var regressed = false
        try await CommandFailure.reporting {
            guard let fraction = BenchComparison.parseThreshold(threshold) else {
                throw BridgeError.usage("--threshold '\(threshold)' is not a percentage; accepted: 10%, 2.5% or 0.1.")
            }
            let before = try Self.load(old)
            let after = try Self.load(new)
            guard before.scenario == after.scenario else {
                throw BridgeError.invalidData(
                    "\(old) is a '\(before.scenario)' run and \(new) a '\(after.scenario)' run; compare runs of one scenario."
                )
            }
            let comparison = BenchComparison.compare(old: before, new: after, threshold: fraction)
            guard !comparison.rows.isEmpty else {
                throw BridgeError.invalidData("\(old) and \(new) have no measurement in common.")
            }
            let out = OutputBuffer()
            out.line(
                TableText.pad("MEASUREMENT", 34) + " " + TableText.right("OLD", 11) + " " + TableText.right("NEW", 11)
                    + " " + TableText.right("WORSE", 8) + "  VERDICT")
            for row in comparison.rows {
                out.line(
                    TableText.pad(row.name, 34) + " " + TableText.right(Self.number(row.old), 11) + " "
                        + TableText.right(Self.number(row.new), 11) + " "
                        + TableText.right(Self.percent(row.worsening), 8)
                        + "  " + (row.regressed ? "REGRESSED" : "ok"))
            }
            out.flush()
            let regressions = comparison.regressions
            if !regressions.isEmpty {
                regressed = true
                StandardStreams.error(
                    "bridgectl: regressed beyond \(Self.percent(fraction)): "
                        + regressions.map { "\($0.name) (\(Self.number($0.old)) → \(Self.number($0.new)) \($0.unit))" }
                        .joined(separator: ", "))
            }
        }
        if regressed { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    static func load(_ path: String) throws(BridgeError) -> BenchReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read '\(path)'; give the path of a file written by 'bridgectl bench … --json FILE'.")
        }
        return try BenchReport.parse(Array(data), source: path)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return abs(value) >= 100 ? String(Int(value.rounded())) : String((value * 1000).rounded() / 1000)
    }

    static func percent(_ fraction: Double) -> String {
        if fraction == .infinity { return "+inf" }
        if fraction == -.infinity { return "-inf" }
        let value = (fraction * 1000).rounded() / 10
        return (value > 0 ? "+" : "") + String(value) + "%"
    }
}

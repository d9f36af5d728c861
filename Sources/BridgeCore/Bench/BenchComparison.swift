import Foundation

/// `bench compare`: which measurements of a new run are worse than an old run's by more than a
/// threshold (the seed's "performance regression detection"). Pure: no I/O.
public struct BenchComparison: Sendable {
    public struct Row: Sendable, Hashable {
        public var name: String
        public var unit: String
        public var old: Double
        public var new: Double
        /// Relative change in the measurement's bad direction: +0.25 = 25 % worse, negative = better.
        public var worsening: Double
        public var regressed: Bool
    }

    public var rows: [Row]
    /// Measurements only one of the two runs has (they are not compared).
    public var onlyInOld: [String]
    public var onlyInNew: [String]

    public var regressions: [Row] { rows.filter(\.regressed) }

    /// `threshold` as a fraction (0.1 = 10 %). A measurement absent or not a number in either run is
    /// not compared. A zero baseline regresses when the new value is worse at all (a loss of 0 that
    /// becomes 1 is a regression whatever the threshold).
    public static func compare(
        old: BenchReport, new: BenchReport, threshold: Double
    ) -> BenchComparison {
        var rows: [Row] = []
        var onlyInOld: [String] = []
        let newByName = Dictionary(new.measurements.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for before in old.measurements {
            guard let after = newByName[before.name] else {
                onlyInOld.append(before.name)
                continue
            }
            guard before.value.isFinite, after.value.isFinite else { continue }
            let direction: Double = before.better == .lower ? 1 : -1
            let delta = (after.value - before.value) * direction
            let worsening: Double
            if before.value == 0 {
                worsening = delta > 0 ? .infinity : (delta < 0 ? -.infinity : 0)
            } else {
                worsening = delta / abs(before.value)
            }
            rows.append(
                Row(
                    name: before.name, unit: before.unit, old: before.value, new: after.value, worsening: worsening,
                    regressed: worsening > threshold))
        }
        let oldNames = Set(old.measurements.map(\.name))
        let onlyInNew = new.measurements.map(\.name).filter { !oldNames.contains($0) }
        return BenchComparison(rows: rows, onlyInOld: onlyInOld, onlyInNew: onlyInNew)
    }

    /// `10%`, `10 %`, `0.1` → 0.1; nil for anything else (negative, not a number).
    public static func parseThreshold(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)), percent >= 0,
                percent.isFinite
            else { return nil }
            return percent / 100
        }
        guard let fraction = Double(trimmed), fraction >= 0, fraction.isFinite else { return nil }
        return fraction
    }
}

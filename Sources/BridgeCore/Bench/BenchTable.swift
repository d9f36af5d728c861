/// The table `bench` prints: each measurement beside the seed's number and our target.
public enum BenchTable {
    public static func lines(_ report: BenchReport) -> [String] {
        var lines = [
            TableText.pad("MEASUREMENT", 30) + " " + TableText.right("VALUE", 11) + "  " + TableText.pad("SEED", 18)
                + " TARGET"
        ]
        for measurement in report.measurements {
            lines.append(
                TableText.pad(measurement.name, 30) + " " + TableText.right(format(measurement), 11) + "  "
                    + TableText.pad(measurement.seed ?? "-", 18) + " " + TableText.fit(measurement.target ?? "-", 16))
        }
        var noted: Set<String> = []
        for measurement in report.measurements {
            guard let note = measurement.note, noted.insert(note).inserted else { continue }
            let stage = measurement.name.split(separator: ".").first.map(String.init) ?? measurement.name
            lines.append(contentsOf: TableText.wrap("  note (\(stage)): " + note, width: 80))
        }
        return lines
    }

    static func format(_ measurement: BenchMeasurement) -> String {
        guard measurement.value.isFinite else { return "n/a" }
        let value = measurement.value
        let text: String
        if abs(value) >= 1000 || value == value.rounded() {
            text = String(Int(value.rounded()))
        } else if abs(value) >= 10 {
            text = String((value * 10).rounded() / 10)
        } else {
            text = String((value * 1000).rounded() / 1000)
        }
        return text + " " + measurement.unit
    }
}

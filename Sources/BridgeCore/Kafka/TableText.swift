/// Fixed-width text for tables that fit 80 columns.
public enum TableText {
    /// `text` cut to `width` (with … when cut) and padded with spaces to exactly `width`.
    public static func pad(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return fitted + String(repeating: " ", count: max(0, width - fitted.count))
    }

    /// `text` on one line, cut to at most `width` characters (with … when cut).
    public static func fit(_ text: String, _ width: Int) -> String {
        let line = text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
        guard line.count > width else { return String(line) }
        return String(line.prefix(max(0, width - 1))) + "…"
    }

    /// Right-aligned in `width`.
    public static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `text` broken at spaces into lines of at most `width` characters, continuation lines indented
    /// by two spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = "  " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { fit($0, width) }
    }
}

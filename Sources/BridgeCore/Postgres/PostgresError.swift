import Foundation

/// Turns libpq's messages into the operator's one line, without secrets.
enum PostgresError {
    /// A connection that could not be made or was lost: exit 69.
    static func unavailable(_ settings: PostgresSettings, _ libpqMessage: String) -> BridgeError {
        .unavailable(
            "PostgreSQL at \(settings.description) (from \(settings.origin)) is unreachable: \(oneLine(libpqMessage)); "
                + "check the server and --postgres-url/DATABASE_URL.")
    }

    /// A statement the server refused.
    static func statement(_ libpqMessage: String, sqlState: String?) -> BridgeError {
        .failure(
            "PostgreSQL refused a statement\(sqlState.map { " (SQLSTATE \($0))" } ?? ""): \(oneLine(libpqMessage)).")
    }

    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var line = lines.filter { !$0.isEmpty }.joined(separator: " ")
        while line.hasSuffix(".") { line.removeLast() }
        return line
    }
}

/// The rows of one statement, as text (libpq's text format), with the command's row count.
public struct PostgresResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows inserted, updated or deleted (PQcmdTuples), or returned by a SELECT.
    public var affectedRows: Int

    public init(columns: [String], rows: [[String?]], affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
    }

    /// The rows as dictionaries keyed by column name.
    public var records: [PostgresRecord] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { PostgresRecord(index: index, values: $0) }
    }
}

/// One row, read by column name.
public struct PostgresRecord: Sendable, Hashable {
    let index: [String: Int]
    public let values: [String?]

    public subscript(_ column: String) -> String? {
        guard let position = index[column], position < values.count else { return nil }
        return values[position]
    }

    public func int(_ column: String) -> Int64? { self[column].flatMap { Int64($0) } }
    public func bool(_ column: String) -> Bool? { self[column].map { $0 == "t" || $0 == "true" } }
}

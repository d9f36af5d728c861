/// A PostgreSQL array literal (`{"a","b\"c",NULL}`) for passing a list as one text parameter
/// (`$1::text[]`); every element is quoted, so no value can change the statement.
enum PostgresArrayLiteral {
    static func encode(_ values: [String?]) -> String {
        "{"
            + values.map { value in
                guard let value else { return "NULL" }
                var quoted = "\""
                for character in value {
                    if character == "\"" || character == "\\" { quoted.append("\\") }
                    quoted.append(character)
                }
                return quoted + "\""
            }.joined(separator: ",") + "}"
    }
}

import BridgeEvents

/// `name=value` arguments (`--endpoint health=http://…`, `--capability region="eu"`).
public enum KeyValueArgument {
    public static func split(_ text: String, flag: String) throws(BridgeError) -> (key: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .usage("\(flag) '\(text)' is not name=value; accepted: \(flag) name=value (repeatable).")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// `key=json`: the value is parsed as JSON (`5`, `true`, `["a"]`, `{"x":1}`, `"text"`); a value
    /// that is not JSON is taken as a plain string, so `--metadata zone=eu-1` needs no quotes.
    public static func json(_ text: String, flag: String) throws(BridgeError) -> (key: String, value: JSONValue) {
        let (key, raw) = try split(text, flag: flag)
        if let parsed = try? JSONParser.parse(raw) { return (key, parsed) }
        return (key, .string(raw))
    }
}

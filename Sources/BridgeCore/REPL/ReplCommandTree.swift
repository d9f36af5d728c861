import BridgeEvents

/// The command tree as the REPL's completion sees it: each command's subcommands and option names.
/// Built from swift-argument-parser's `--experimental-dump-help` JSON, so it can never drift from
/// the commands themselves.
public struct ReplCommandTree: Sendable, Equatable {
    public var name: String
    public var subcommands: [ReplCommandTree]
    /// Option and flag spellings, `--long` and `-s`.
    public var options: [String]

    public init(name: String, subcommands: [ReplCommandTree] = [], options: [String] = []) {
        self.name = name
        self.subcommands = subcommands
        self.options = options
    }

    /// Parses the dump (`{"command": {...}}` or the command object itself); nil when it is not one.
    public static func parse(dumpHelp json: JSONValue) -> ReplCommandTree? {
        guard let object = json.objectValue else { return nil }
        if let command = object["command"] { return parse(dumpHelp: command) }
        guard let name = object["commandName"]?.stringValue else { return nil }
        var options: [String] = []
        if case .array(let arguments)? = object["arguments"] {
            for argument in arguments {
                guard let fields = argument.objectValue, fields["kind"]?.stringValue != "positional",
                    case .array(let names)? = fields["names"]
                else { continue }
                for name in names {
                    guard let spelling = name.objectValue, let text = spelling["name"]?.stringValue else { continue }
                    switch spelling["kind"]?.stringValue {
                    case "long": options.append("--" + text)
                    case "short": options.append("-" + text)
                    case "longWithSingleDash": options.append("-" + text)
                    default: break
                    }
                }
            }
        }
        var subcommands: [ReplCommandTree] = []
        if case .array(let children)? = object["subcommands"] {
            subcommands = children.compactMap { parse(dumpHelp: $0) }.filter { $0.name != "help" }
        }
        return ReplCommandTree(name: name, subcommands: subcommands, options: options)
    }

    public func subcommand(_ name: String) -> ReplCommandTree? {
        subcommands.first { $0.name == name }
    }
}

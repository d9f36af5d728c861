/// Tab completion in the REPL, as a pure function of the line so far: commands and REPL-only
/// commands first, then subcommands, options, topic names (after `consume topic`) and node ids (after
/// `node`, `--node-id`, `inspect diff --node-id`…). Topics and node ids come from a live cache the
/// caller keeps; an empty cache completes nothing rather than failing.
public struct ReplCompletion: Sendable {
    /// The commands that exist only in the REPL.
    public static let replCommands = ["watch", "status", "node", "set", "show", "help", "exit", "quit"]

    public var tree: ReplCommandTree
    public var topics: [String]
    public var nodeIDs: [String]

    public init(tree: ReplCommandTree, topics: [String] = [], nodeIDs: [String] = []) {
        self.tree = tree
        self.topics = topics
        self.nodeIDs = nodeIDs
    }

    /// Options whose value is a node id or a topic.
    static let nodeIDOptions: Set<String> = ["--node-id"]
    static let topicOptions: Set<String> = ["--topic"]

    /// Candidates for `word`, the word under the cursor, given `line` up to the cursor. Sorted, each
    /// starting with `word`.
    public func candidates(line: String, word: String) -> [String] {
        // The words before the one being completed.
        var before = (try? CommandLineSplitter.split(line)) ?? line.split(separator: " ").map(String.init)
        if !word.isEmpty, before.last == word { before.removeLast() }
        let pool: [String]
        if before.isEmpty {
            // `node` is both a CLI command and the REPL's `node <id>`; list it once.
            pool = Array(Set(tree.subcommands.map(\.name) + Self.replCommands))
        } else {
            pool = candidatesAfter(before)
        }
        return Array(Set(pool.filter { $0.hasPrefix(word) })).sorted()
    }

    private func candidatesAfter(_ before: [String]) -> [String] {
        let first = before[0]
        if let previous = before.last, before.count > 1 {
            if Self.nodeIDOptions.contains(previous) { return nodeIDs }
            if Self.topicOptions.contains(previous) { return topics }
        }
        switch first {
        case "set":
            if before.count == 1 { return ReplSettings.Key.allCases.map(\.rawValue) }
            return []
        case "help":
            return before.count == 1 ? tree.subcommands.map(\.name) + Self.replCommands : []
        case "show", "status", "exit", "quit", "watch":
            return []
        default:
            break
        }
        // Walk down the tree as far as the words name subcommands.
        var node = tree
        var index = 0
        while index < before.count, let child = node.subcommand(before[index]) {
            node = child
            index += 1
        }
        if index == 0 {
            return []
        }
        let rest = before[index...]
        if first == "node" && index == 1 && rest.isEmpty {
            // `node <id>` (REPL) or `node run|health` (CLI).
            return node.subcommands.map(\.name) + nodeIDs
        }
        if node.name == "topic" && before.starts(with: ["consume", "topic"]) {
            let positional = rest.filter { !$0.hasPrefix("-") }
            if positional.isEmpty { return topics + node.options }
        }
        return (rest.isEmpty ? node.subcommands.map(\.name) : []) + node.options
    }
}

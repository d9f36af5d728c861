import ArgumentParser
import BridgeCore
import BridgeEvents

#if canImport(Glibc)
    import Glibc
#endif

/// The REPL on a terminal: readline prompt (history, Tab completion), each line run as a task that
/// Ctrl-C cancels without leaving the REPL; Ctrl-D (end of input) exits 0.
struct ReplInteractive {
    let session: ReplSession
    let historyPath: String

    func run() async -> Int32 {
        let interrupts = InterruptRouter()
        let cache = CompletionCache()
        let tree = Self.commandTree()
        cache.refresh()
        LineEditor.shared.configure(historyPath: historyPath) { line, word in
            cache.refreshIfStale()
            let (topics, nodeIDs) = cache.current(waitingUpTo: .seconds(2))
            return ReplCompletion(tree: tree, topics: topics, nodeIDs: nodeIDs).candidates(line: line, word: word)
        }
        while true {
            guard let line = await LineEditor.shared.readLine(prompt: session.prompt) else {
                StandardStreams.output("")
                return 0
            }
            LineEditor.shared.remember(line)
            let session = self.session
            let task = Task { await session.execute(line: line) }
            interrupts.running(task)
            let outcome = await task.value
            if interrupts.running(nil) {
                // The terminal echoed ^C without a newline: the next prompt starts on a line of its own.
                StandardStreams.output("")
            }
            fflush(nil)
            if outcome == .exit { return 0 }
            if case .status(let code) = outcome, code == ExitStatus.interrupted.rawValue {
                StandardStreams.error("bridgectl: interrupted")
            }
        }
    }

    /// The tree of commands and options, from the parser's own description of itself.
    static func commandTree() -> ReplCommandTree {
        do {
            _ = try Bridgectl.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let text = Bridgectl.fullMessage(for: error)
            if let json = try? JSONParser.parse(Array(text.utf8)), let tree = ReplCommandTree.parse(dumpHelp: json) {
                return tree
            }
        }
        return ReplCommandTree(name: "bridgectl")
    }
}

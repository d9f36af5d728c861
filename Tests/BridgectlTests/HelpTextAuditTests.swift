import BridgeTestSupport
import Foundation
import Testing

/// The help text is the operator's first manual: every command says what it does in one line, and
/// every option says what it does and what happens when it is not given.
@Suite("Help text: one-line descriptions and stated defaults")
struct HelpTextAuditTests {
    struct Finding: CustomStringConvertible {
        let command: String
        let option: String
        let problem: String
        var description: String { "\(command) \(option): \(problem)" }
    }

    /// Walks the parser's own description of the command tree (`--experimental-dump-help`).
    static func audit(
        _ command: [String: Any], path: [String], parentHasExamples: Bool = false, into findings: inout [Finding]
    ) {
        let name = path.joined(separator: " ")
        let abstract = command["abstract"] as? String ?? ""
        if abstract.isEmpty || abstract.contains("\n") {
            findings.append(Finding(command: name, option: "", problem: "no one-line abstract"))
        }
        // Every command one runs has examples: its own, or its group's (bench's scenarios, dev broker's
        // up/down).
        let subcommands = command["subcommands"] as? [[String: Any]] ?? []
        let hasExamples = (command["discussion"] as? String ?? "").contains("Examples:")
        if subcommands.isEmpty, path.last != "help", !hasExamples, !parentHasExamples {
            findings.append(Finding(command: name, option: "", problem: "no examples in its discussion"))
        }
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            if argument["shouldDisplay"] as? Bool == false { continue }
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            if names.contains("help") || names.contains("version") || path.last == "help" { continue }
            let label = names.map { $0.count == 1 ? "-\($0)" : "--\($0)" }.joined(separator: "/")
            let help = argument["abstract"] as? String ?? ""
            if help.isEmpty || help.contains("\n") {
                findings.append(Finding(command: name, option: label, problem: "no one-line description"))
                continue
            }
            // A flag's default is off; a required value has none; an option with a value in the
            // declaration gets "(default: …)" from the parser.
            guard argument["kind"] as? String == "option", argument["isOptional"] as? Bool == true,
                argument["defaultValue"] == nil
            else { continue }
            let text = (help + " " + (argument["discussion"] as? String ?? "")).lowercased()
            if !text.contains("default") && !text.contains("required") {
                findings.append(Finding(command: name, option: label, problem: "does not say its default: \(help)"))
            }
        }
        for sub in subcommands {
            audit(
                sub, path: path + [sub["commandName"] as? String ?? "?"], parentHasExamples: hasExamples,
                into: &findings)
        }
    }

    @Test func everyCommandAndOptionIsDescribedWithItsDefault() async throws {
        let dump = try await BridgectlBinary.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        var findings: [Finding] = []
        Self.audit(command, path: ["bridgectl"], into: &findings)
        #expect(
            findings.isEmpty,
            "\(findings.count) help text problem(s):\n\(findings.map(\.description).joined(separator: "\n"))")
        // The audit looks at something: the tree has commands and options.
        #expect(
            dump.stdout.contains("\"commandName\" : \"registry\"")
                || dump.stdout.contains("\"commandName\":\"registry\""))
    }
}

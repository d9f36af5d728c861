import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@Suite("bridgectl repl", .serialized)
struct ReplTests {
    /// A private HOME so the history file is the test's own.
    static func temporaryHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bridgectl-repl-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    @Test func typesCompletesRecallsWatchesAndSurvivesControlC() async throws {
        try #require(Kcat.isInstalled, "kcat is needed to produce into the dev broker")
        let home = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        try await DevBrokerProcess.with { broker in
            let terminal = try PseudoTerminal(
                executable: BridgectlBinary.url,
                arguments: ["repl", "--brokers", broker.bootstrap, "--consul", "127.0.0.1:1"],
                environment: ["HOME": home.path])
            defer { terminal.stop() }
            let prompt = "bridgectl[\(broker.bootstrap) consul:127.0.0.1:1 pg:"
            try await terminal.waitFor(prompt)

            // Tab completes a command; the command runs and the prompt comes back.
            var mark = terminal.mark
            terminal.type("sho" + PseudoTerminal.tab)
            try await terminal.waitFor("show ", after: mark)
            mark = terminal.mark
            terminal.type(PseudoTerminal.enter)
            try await terminal.waitFor(inOrder: ["kafka         \(broker.bootstrap)", prompt], after: mark)

            // Topic names come live from the broker's metadata.
            mark = terminal.mark
            terminal.type("consume topic node-hea" + PseudoTerminal.tab)
            try await terminal.waitFor("node-heartbeat.v1", after: mark)
            terminal.type(PseudoTerminal.controlU)

            // watch: one line per event with its decode status, until Ctrl-C.
            mark = terminal.mark
            terminal.type("watch" + PseudoTerminal.enter)
            try await terminal.waitFor("(Ctrl-C to stop)", after: mark)
            let produced = try await Kcat.produce(
                brokers: broker.bootstrap, topic: "node-heartbeat.v1", lines: ["not json"])
            #expect(produced.status == 0)
            try await terminal.waitFor("node-heartbeat.v1[", after: mark)
            try await terminal.waitFor("INVALID envelope", after: mark)
            mark = terminal.mark
            terminal.type(PseudoTerminal.controlC)
            try await terminal.waitFor(prompt, after: mark)
            #expect(terminal.isRunning, "Ctrl-C ended the REPL instead of the command")

            // The up arrow recalls the last line; a failing command prints one line and the REPL goes on.
            mark = terminal.mark
            terminal.type(PseudoTerminal.upArrow)
            try await terminal.waitFor("watch", after: mark)
            // The mark is taken before typing: the answer may be drawn before this task runs again.
            mark = terminal.mark
            terminal.type(PseudoTerminal.controlU + "inspect consul" + PseudoTerminal.enter)
            try await terminal.waitFor(inOrder: ["bridgectl: cannot reach Consul", prompt], after: mark)

            // Ctrl-C at the prompt drops the line being typed, not the REPL.
            mark = terminal.mark
            terminal.type("abc")
            try await terminal.waitFor("abc", after: mark)
            terminal.type(PseudoTerminal.controlC)
            try await terminal.waitFor("^C", after: mark)
            mark = terminal.mark
            terminal.type("show" + PseudoTerminal.enter)
            try await terminal.waitFor("topic-prefix", after: mark)
            #expect(!terminal.text(after: mark).contains("abcshow"))

            // Nested repl is refused.
            mark = terminal.mark
            terminal.type("repl" + PseudoTerminal.enter)
            try await terminal.waitFor(inOrder: ["cannot be nested", prompt], after: mark)

            // Ctrl-D leaves with status 0; the history file keeps the lines.
            mark = terminal.mark
            terminal.type(PseudoTerminal.controlD)
            let status = try await terminal.waitForExit()
            #expect(status == 0, "the REPL's last words: \(terminal.text(after: mark - 300))")
            let history = try String(
                contentsOf: home.appendingPathComponent(".bridgectl_history"), encoding: .utf8)
            #expect(history.contains("watch"))
            #expect(history.contains("show"))
        }
    }

    /// `node <id>` and `status` against a live stack: a real registry has put the node in Consul and
    /// PostgreSQL; the view shows its recent events (read back from Kafka), the Consul entry and the row.
    @Test func nodeAndStatusShowALiveStack() async throws {
        try await RegistryStack.with { stack in
            _ = try await stack.startRegistry()
            let introspection = try RegistryStack.introspection("repl-node-1", type: .reducer, port: 8061)
            try await stack.produce([introspection], topic: "node-introspection.v1")
            // Heartbeats of a node the registry does not know yet are not applied (it asks the node to
            // announce): the row comes first.
            try await Wait.until("the node's row", timeout: 30, interval: 0.2) {
                try stack.psql("SELECT count(*) FROM node_registrations WHERE node_id = 'repl-node-1'") == "1"
            }
            try await stack.produce(
                try (1...3).map { try RegistryStack.heartbeat("repl-node-1", type: .reducer, uptime: $0) },
                topic: "node-heartbeat.v1")
            try await Wait.until("the node's row with its third heartbeat", timeout: 30, interval: 0.2) {
                try stack.psql("SELECT uptime_seconds FROM node_registrations WHERE node_id = 'repl-node-1'") == "3"
            }
            try await Wait.until("the node's passing check", timeout: 30, interval: 0.2) {
                try await stack.consulCheckStatuses()["service:repl-node-1"] == "passing"
            }
            let result = try await Self.runScript(
                "node repl-node-1\nstatus\n", arguments: stack.connectionArguments, timeout: 90)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let events = lines.filter { $0.hasPrefix("  ") && $0.contains("NODE_") }
            #expect(events.count == 4, "one introspection and three heartbeats: \(result.stdout)")
            #expect(events.first?.contains("NODE_INTROSPECTION  node-introspection.v1[") == true)
            #expect(events.last?.contains("NODE_HEARTBEAT") == true && events.last?.contains("uptime 3 s") == true)
            #expect(
                lines.contains { $0.hasPrefix("consul:") && $0.contains("id repl-node-1") && $0.contains("passing") })
            #expect(lines.contains { $0.hasPrefix("postgres:") && $0.contains("reducer") })
            // The side-by-side table's columns line up under their headings.
            let header = try #require(lines.first { $0.hasPrefix("NODE") })
            let row = try #require(lines.first { $0.hasPrefix("repl-node-1 ") })
            for (heading, value) in [("NEWEST EVENT", "introspection"), ("VERDICT", "complete")] {
                #expect(
                    header.range(of: heading).map { header.distance(from: header.startIndex, to: $0.lowerBound) }
                        == row.range(of: value).map { row.distance(from: row.startIndex, to: $0.lowerBound) },
                    "\(header)\n\(row)")
            }
            // status: every dependency reachable, with a latency.
            for name in ["kafka", "consul", "postgres"] {
                #expect(
                    lines.contains { $0.hasPrefix(name) && $0.contains("reachable") && !$0.contains("UNREACHABLE") },
                    "\(name) in: \(result.stdout)")
            }

            let missing = try await Self.runScript("node nobody-here\n", arguments: stack.connectionArguments)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("No node 'nobody-here'"))
        }
    }

    @Test func scriptOnStdinStopsAtTheFirstFailureWithItsCode() async throws {
        let script = "show\nset kafka 'bad host'\nshow\n"
        let result = try await Self.runScript(script, arguments: [])
        #expect(result.status == ExitStatus.usage.rawValue)
        // Stopped: `show` ran once only; nothing but the output (no prompt).
        #expect(result.stdout.components(separatedBy: "topic-prefix").count == 2)
        #expect(!result.stdout.contains("bridgectl["))
        #expect(result.stderr.contains("is not a broker list"))
    }

    @Test func keepGoingRunsEveryLineAndExitsWithTheFailure() async throws {
        let script = "set kafka 'bad host'\nset consul 127.0.0.1:18500\nshow\n"
        let result = try await Self.runScript(script, arguments: ["--keep-going"])
        #expect(result.status == ExitStatus.usage.rawValue)
        #expect(result.stdout.contains("http://127.0.0.1:18500"))
        #expect(result.stdout.contains("(set)"))
    }

    @Test func aScriptThatSucceedsExitsZeroAndPasswordsStayMasked() async throws {
        let script = "set postgres postgresql://op:s3cret@127.0.0.1:5999/reg\nshow\nexit\nshow\n"
        let result = try await Self.runScript(script, arguments: [])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("s3cret"))
        #expect(result.stdout.contains("postgresql://op:***@127.0.0.1:5999/reg"))
        // `exit` ended the script: the second show did not run.
        #expect(result.stdout.components(separatedBy: "topic-prefix").count == 2)
    }

    @Test func stateDirectoryGivesTheStack() async throws {
        let directory = try Self.temporaryHome()
        defer { try? FileManager.default.removeItem(at: directory) }
        try DevStackFile(
            bootstrapServers: "127.0.0.1:39999", consulURL: "http://127.0.0.1:38500",
            postgresURL: "postgresql://u:pw@127.0.0.1:35432/db", registryURL: "http://127.0.0.1:38062",
            environment: "staging"
        ).write(stateDirectory: directory.path)
        let result = try await Self.runScript("show\n", arguments: ["--state-dir", directory.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("127.0.0.1:39999"))
        #expect(result.stdout.contains("http://127.0.0.1:38500"))
        #expect(result.stdout.contains("staging"))
        #expect(!result.stdout.contains("pw@"))
        let missing = try await Self.runScript("show\n", arguments: ["--state-dir", directory.path + "/nope"])
        #expect(missing.status == ExitStatus.usage.rawValue)
        #expect(missing.stderr.contains("no running stack"))
    }

    @Test func everyCommandParsesInsideWithTheSameSyntax() async throws {
        let result = try await Self.runScript(
            "inspect diff --output raw\nconsume topic --help\n", arguments: ["--keep-going"])
        // The usage error is ArgumentParser's own, as at the shell; --help prints the command's help.
        #expect(result.status == ExitStatus.usage.rawValue)
        #expect(result.stderr.contains("--output raw is not available here"))
        #expect(result.stdout.contains("USAGE: bridgectl consume topic"))
    }

    static func runScript(
        _ script: String, arguments: [String], timeout: Double = 60
    ) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("repl-script-\(UUID().uuidString)")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let quoted = ([BridgectlBinary.url.path, "repl"] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let shell = try SpawnedProcess(
            executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "\(quoted) < '\(file.path)'"])
        let status = try await shell.waitForExit(timeout: timeout)
        return (status, shell.stdout, shell.stderr)
    }
}

import BridgeTestSupport
import Foundation
import Testing

/// The committed man page renders (with man-db, else groff) and names every subcommand; the bash
/// completion script is valid bash.
@Suite("Man page and completions are usable", .serialized)
struct ManualAndCompletionRenderingTests {
    static let subcommands = [
        "node run", "node health", "registry run", "introspect", "heartbeat", "inspect consul", "inspect postgres",
        "inspect kafka", "inspect diff", "consume topic", "repl", "db migrate", "dev broker", "dev consul",
    ]

    @Test func manPageRendersEverySubcommand() async throws {
        let page = PackageRoot.url.appendingPathComponent("man/bridgectl.1").path
        let renderer: (URL, [String])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            renderer = (URL(fileURLWithPath: "/usr/bin/man"), ["-l", page])
        } else {
            renderer = (URL(fileURLWithPath: "/usr/bin/groff"), ["-man", "-Tutf8", page])
        }
        let process = try SpawnedProcess(
            executable: renderer.0, arguments: renderer.1,
            environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"])
        #expect(try await process.waitForExit(timeout: 60) == 0)
        let text = process.stdout.replacingOccurrences(of: "\u{2010}", with: "-")
        #expect(!text.isEmpty)
        // The single page lists each command as a heading with its subcommands indented under it.
        let headings = Set(
            text.split(separator: "\n").compactMap { line in
                line.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init)
            })
        for subcommand in Self.subcommands {
            for word in subcommand.split(separator: " ") {
                #expect(headings.contains(String(word)), "the man page lacks \(subcommand)")
            }
        }
        #expect(text.contains("--keep-going"))
    }

    @Test func bashCompletionIsValidBash() async throws {
        let script = PackageRoot.url.appendingPathComponent("completions/bridgectl.bash").path
        let process = try SpawnedProcess(executable: URL(fileURLWithPath: "/bin/bash"), arguments: ["-n", script])
        #expect(try await process.waitForExit(timeout: 30) == 0)
        #expect(process.stderr.isEmpty)
    }
}

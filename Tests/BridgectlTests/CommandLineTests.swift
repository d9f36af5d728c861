import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@Suite("The command tree", .serialized)
struct CommandLineTests {
    @Test func helpListsEveryCommandOfTheDesign() async throws {
        let result = try await BridgectlBinary.run(["--help"])
        #expect(result.status == 0)
        for command in [
            "node", "registry", "introspect", "heartbeat", "inspect", "consume", "repl", "db", "dev", "bench",
        ] {
            #expect(result.stdout.contains("  \(command) "), "missing \(command)")
        }
        for status in ExitStatus.allCases {
            #expect(result.stdout.contains("\(status.rawValue)  \(status.meaning)"))
        }
    }

    @Test func unknownFlagIsAUsageError() async throws {
        let result = try await BridgectlBinary.run(["--no-such-flag"])
        #expect(result.status == ExitStatus.usage.rawValue)
        #expect(result.stderr.contains("no-such-flag"))
    }

    @Test func readmeCarriesTheExitCodeTable() throws {
        let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
        for status in ExitStatus.allCases {
            #expect(
                readme.contains("| \(status.rawValue) | \(status.meaning) |"),
                "README lacks exit code \(status.rawValue)")
        }
    }

    /// Every environment variable the sources read is in the README's configuration table (found by
    /// its name as a string literal: the settings code reads each by name).
    @Test func readmeNamesEveryEnvironmentVariableTheToolReads() throws {
        let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
        let sources = PackageRoot.url.appendingPathComponent("Sources")
        let pattern = try Regex(
            #""((?:KAFKA|CONSUL|POSTGRES|DATABASE|ENABLE|HEARTBEAT|XDG)_[A-Z0-9_]+|ENVIRONMENT|HOME)""#)
        var names: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        #expect(names.count >= 15, "the scan finds the settings code: \(names.sorted())")
        for name in names.sorted() {
            #expect(readme.contains("`\(name)`"), "README's configuration does not name \(name)")
        }
    }
}

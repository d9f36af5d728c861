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
}

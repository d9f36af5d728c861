import BridgeTestSupport
import Foundation
import Testing

/// completions/ and man/ are generated from the command tree and committed; these tests regenerate
/// them from the binary under test and fail on any difference, so they never go stale.
@Suite("Generated completions and man page are current", .serialized)
struct GeneratedFilesTests {
    static let regenerate = "run scripts/generate-docs and commit the result"

    @Test(arguments: [("bash", "bridgectl.bash"), ("zsh", "_bridgectl"), ("fish", "bridgectl.fish")])
    func completionScript(_ shell: String, _ file: String) async throws {
        let result = try await BridgectlBinary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        let committed = try String(
            contentsOf: PackageRoot.url.appendingPathComponent("completions/\(file)"), encoding: .utf8)
        #expect(result.stdout == committed, "completions/\(file) is stale: \(Self.regenerate)")
    }

    @Test func manPage() async throws {
        let tool = BridgectlBinary.url.deletingLastPathComponent().appendingPathComponent("generate-manual")
        try #require(
            FileManager.default.isExecutableFile(atPath: tool.path),
            "generate-manual is not built: swift build --product generate-manual (scripts/test does)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bridgectl-man-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let generator = try SpawnedProcess(
            executable: tool,
            arguments: [BridgectlBinary.url.path, "--date", "2026-11-25", "--section", "1", "-o", output.path])
        #expect(try await generator.waitForExit(timeout: 60) == 0)
        let fresh = try String(contentsOf: output.appendingPathComponent("bridgectl.1"), encoding: .utf8)
        let committed = try String(
            contentsOf: PackageRoot.url.appendingPathComponent("man/bridgectl.1"), encoding: .utf8)
        #expect(fresh == committed, "man/bridgectl.1 is stale: \(Self.regenerate)")
    }
}

import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "The seed's benchmarks and load tests, with p50/p95/p99.")

    func run() async throws { try CommandFailure.notBuilt("bench", issue: 12) }
}

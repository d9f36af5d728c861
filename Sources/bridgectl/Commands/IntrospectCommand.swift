import ArgumentParser

struct IntrospectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "introspect",
        abstract: "Publish one NODE_INTROSPECTION (or, with --request, a REGISTRY_REQUEST_INTROSPECTION).")

    func run() async throws { try CommandFailure.notBuilt("introspect", issue: 3) }
}

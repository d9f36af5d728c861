import BridgeCore
import BridgeEvents
import Testing

@Suite("REPL logic")
struct ReplLogicTests {
    static let tree = ReplCommandTree(
        name: "bridgectl",
        subcommands: [
            ReplCommandTree(
                name: "node",
                subcommands: [
                    ReplCommandTree(name: "run", options: ["--node-id", "--count"]),
                    ReplCommandTree(name: "health", options: ["--url"]),
                ]),
            ReplCommandTree(
                name: "inspect",
                subcommands: [ReplCommandTree(name: "diff", options: ["--node-id", "--pending", "--output"])]),
            ReplCommandTree(
                name: "consume", subcommands: [ReplCommandTree(name: "topic", options: ["-o", "-e", "--group"])]),
            ReplCommandTree(name: "introspect", options: ["--request", "--brokers"]),
        ])
    static let completion = ReplCompletion(
        tree: tree, topics: ["node-heartbeat.v1", "node-introspection.v1"], nodeIDs: ["orchestrator-1", "reducer-1"])

    @Test func firstWordCompletesCommandsAndReplCommands() {
        #expect(Self.completion.candidates(line: "", word: "").contains("watch"))
        #expect(Self.completion.candidates(line: "in", word: "in") == ["inspect", "introspect"])
        #expect(Self.completion.candidates(line: "s", word: "s") == ["set", "show", "status"])
        #expect(Self.completion.candidates(line: "n", word: "n") == ["node"])
    }

    @Test func subcommandsOptionsTopicsAndNodeIDs() {
        #expect(Self.completion.candidates(line: "inspect ", word: "") == ["diff"])
        #expect(Self.completion.candidates(line: "inspect diff --p", word: "--p") == ["--pending"])
        #expect(Self.completion.candidates(line: "inspect diff --node-id o", word: "o") == ["orchestrator-1"])
        #expect(Self.completion.candidates(line: "consume topic node-h", word: "node-h") == ["node-heartbeat.v1"])
        #expect(
            Self.completion.candidates(line: "node ", word: "") == ["health", "orchestrator-1", "reducer-1", "run"])
        #expect(Self.completion.candidates(line: "node run --c", word: "--c") == ["--count"])
        #expect(
            Self.completion.candidates(line: "set ", word: "") == ReplSettings.Key.allCases.map(\.rawValue).sorted())
        #expect(Self.completion.candidates(line: "nosuch ", word: "").isEmpty)
    }

    @Test func emptyCachesCompleteNothingRatherThanFail() {
        let bare = ReplCompletion(tree: Self.tree)
        #expect(bare.candidates(line: "inspect diff --node-id ", word: "").isEmpty)
        #expect(bare.candidates(line: "consume topic ", word: "") == ["--group", "-e", "-o"])
    }

    @Test func treeFromArgumentParsersDump() throws {
        let dump = """
            {"serializationVersion":0,"command":{"commandName":"bridgectl","arguments":[{"kind":"flag","names":[{"kind":"long","name":"version"}]}],
            "subcommands":[{"commandName":"inspect","subcommands":[{"commandName":"diff","arguments":[
            {"kind":"option","names":[{"kind":"long","name":"node-id"}]},{"kind":"flag","names":[{"kind":"short","name":"e"},{"kind":"long","name":"exit"}]},
            {"kind":"positional","names":[{"kind":"long","name":"topic"}]}]}]},{"commandName":"help"}]}}
            """
        let tree = try #require(ReplCommandTree.parse(dumpHelp: try JSONParser.parse(Array(dump.utf8))))
        #expect(tree.name == "bridgectl")
        #expect(tree.subcommands.map(\.name) == ["inspect"])
        #expect(tree.subcommand("inspect")?.subcommand("diff")?.options == ["--node-id", "-e", "--exit"])
    }

    @Test func settingsAreCheckedAndBecomeTheVariablesCommandsRead() throws {
        var settings = ReplSettings()
        try settings.set(.kafka, "10.0.0.1:9092,10.0.0.2:9092")
        try settings.set(.consul, "consul.internal:8500")
        try settings.set(.environment, "staging")
        try settings.set(.topicPrefix, "prod.")
        #expect(
            settings.environmentOverrides == [
                "KAFKA_BOOTSTRAP_SERVERS": "10.0.0.1:9092,10.0.0.2:9092", "CONSUL_HTTP_ADDR": "consul.internal:8500",
                "ENVIRONMENT": "staging", "KAFKA_TOPIC_PREFIX": "prod.",
            ])
        #expect(throws: BridgeError.self) { try settings.set(.kafka, "a b") }
        #expect(throws: BridgeError.self) { try settings.set(.environment, "no spaces allowed") }
        #expect(throws: BridgeError.self) { try settings.set(.topicPrefix, "bad/") }
        #expect(throws: BridgeError.self) { try settings.set(.consul, "consul host") }
        #expect(settings.values[.kafka] == "10.0.0.1:9092,10.0.0.2:9092")
        #expect(ReplSettings.Key(name: "brokers") == .kafka)
        #expect(ReplSettings.Key(name: "pg") == .postgres)
        #expect(ReplSettings.Key(name: "nope") == nil)
    }

    @Test func showAndPromptNeverPrintAPassword() {
        let source = ConfigurationSource(environment: [
            "DATABASE_URL": "postgresql://op:hunter2@db.internal:5432/registry?sslmode=require",
            "KAFKA_BOOTSTRAP_SERVERS": "k1:9092", "ENVIRONMENT": "prod",
        ])
        let show = ReplSettings.showLines(source, set: [.kafka]).joined(separator: "\n")
        #expect(!show.contains("hunter2"))
        #expect(show.contains("postgresql://op:***@db.internal:5432/registry"))
        #expect(show.contains("k1:9092"))
        #expect(show.contains("(set)"))
        #expect(show.contains("(DATABASE_URL)"))
        let prompt = ReplSettings.prompt(source)
        #expect(prompt == "bridgectl[k1:9092 consul:127.0.0.1:8500 pg:db.internal:5432/registry env:prod]> ")
        #expect(ReplSettings.postgresShortName("host=h port=5433 dbname=d user=u password='x y'") == "h:5433/d")
        #expect(ReplSettings.postgresShortName("") == "default")
    }
}

import BridgeEvents
import Testing

@testable import BridgeCore

@Suite("Go formats: durations, quoting, pretty JSON")
struct GoFormatsTests {
    @Test(
        arguments: [
            ("0", 0), ("10s", 10_000_000_000), ("1m30s", 90_000_000_000), ("1.5s", 1_500_000_000),
            ("500ms", 500_000_000),
            ("2h", 7_200_000_000_000), ("-1m", -60_000_000_000), ("300us", 300_000), ("1µs", 1000),
            (".5s", 500_000_000),
        ] as [(String, Int64)])
    func parses(_ text: String, _ nanoseconds: Int64) throws {
        #expect(try GoDuration(parsing: text).nanoseconds == nanoseconds)
    }

    @Test(arguments: [
        ("", #"time: invalid duration """#), ("abc", #"time: invalid duration "abc""#),
        ("10", #"time: missing unit in duration "10""#), ("10x", #"time: unknown unit "x" in duration "10x""#),
        ("s", #"time: invalid duration "s""#),
    ])
    func refuses(_ text: String, _ message: String) {
        #expect(throws: GoDurationError(message)) { try GoDuration(parsing: text) }
    }

    @Test(
        arguments: [
            (0, "0s"), (1, "1ns"), (1_500, "1.5µs"), (500_000_000, "500ms"), (10_000_000_000, "10s"),
            (60_000_000_000, "1m0s"), (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"), (1_500_000_000, "1.5s"),
            (-60_000_000_000, "-1m0s"),
        ] as [(Int64, String)])
    func formats(_ nanoseconds: Int64, _ text: String) {
        #expect(GoDuration(nanoseconds: nanoseconds).description == text)
    }

    @Test func quotesLikeStrconvQuote() {
        #expect(GoText.quote(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(GoText.quote("x\ny\u{01}") == #""x\ny\x01""#)
    }

    @Test func prettyPrintsLikeMarshalIndent() {
        let json = OrderedJSON.object([
            .init("B", .array([.int(1), .string("<&>")])), .init("A", .object([])), .init("C", .array([])),
        ])
        #expect(
            json.pretty == """
                {
                    "B": [
                        1,
                        "\\u003c\\u0026\\u003e"
                    ],
                    "A": {},
                    "C": []
                }

                """)
        #expect(OrderedJSON.string("127.0.0.1:8300").pretty == "\"127.0.0.1:8300\"\n")
    }

    @Test func queriesParseAsGoDoes() {
        let query = HTTPQuery(parsing: "passing&tag=a&tag=b%20c&note=x+y&bad=%zz&semi=a;b")
        #expect(query.contains("passing"))
        #expect(query.first("passing") == "")
        #expect(query.values("tag") == ["a", "b c"])
        #expect(query.first("note") == "x y")
        #expect(!query.contains("bad"))
        #expect(!query.contains("semi"))
        #expect(PercentEncoding.encodeComponent("node:1 ä/") == "node%3A1%20%C3%A4%2F")
        #expect(PercentEncoding.decode("node%3A1", plusAsSpace: false) == "node:1")
    }
}

import Testing

@testable import BridgeCore

/// The `?filter` parser and evaluator as pure values: go-bexpr's grammar, precedence and matching
/// over the JSON view of an item.
@Suite("Dev Consul filter expressions (go-bexpr subset)")
struct DevConsulFilterTests {
    /// An agent-service-like item plus a health-entry-like list of checks, enough for every operator.
    static let service = OrderedJSON.object([
        .init("ID", .string("web-1")),
        .init("Service", .string("web")),
        .init("Tags", .strings(["v1", "primary"])),
        .init("Meta", .stringMap(["version": "1.2.3", "my-key": "x", "empty": ""])),
        .init("Port", .int(8080)),
        .init("Address", .string("10.0.0.5")),
        .init("EnableTagOverride", .bool(false)),
        .init("Weights", .object([.init("Passing", .int(1)), .init("Warning", .int(1))])),
        .init(
            "Checks",
            .array([
                .object([.init("CheckID", .string("serfHealth")), .init("Status", .string("passing"))]),
                .object([.init("CheckID", .string("service:web-1")), .init("Status", .string("critical"))]),
            ])),
    ])

    func holds(_ text: String, _ item: OrderedJSON = service) throws -> Bool {
        try ConsulFilter(parsing: text).holds(for: item)
    }

    @Test(arguments: [
        (#"Service == "web""#, true),
        (#"Service == "api""#, false),
        (#"Service != "api""#, true),
        (#"Service != "web""#, false),
        (#"Port == 8080"#, true),
        (#"Port == "8080""#, true),
        (#"Port != 80"#, true),
        (#"EnableTagOverride == false"#, true),
        (#"EnableTagOverride == true"#, false),
        (#"Weights.Passing == 1"#, true),
        (#""v1" in Tags"#, true),
        (#""v2" in Tags"#, false),
        (#""v2" not in Tags"#, true),
        (#"Tags contains "primary""#, true),
        (#"Tags not contains "primary""#, false),
        (#"Meta.version == "1.2.3""#, true),
        (#"Meta["my-key"] == "x""#, true),
        (#"Meta["absent"] == "x""#, false),
        (#""version" in Meta"#, true),
        (#""absent" in Meta"#, false),
        (#"Meta contains "my-key""#, true),
        (#"Address contains "0.0""#, true),
        (#"Meta.empty is empty"#, true),
        (#"Meta.absent is empty"#, true),
        (#"Meta.version is empty"#, false),
        (#"Meta.version is not empty"#, true),
        (#"Tags is not empty"#, true),
        (#"Service matches "^w.b$""#, true),
        (#"Service matches "^api""#, false),
        (#"Service not matches "^api""#, true),
        (#"Address matches `^10\.0\.`"#, true),
        (#"Checks.Status == "critical""#, true),
        (#"Checks.Status == "warning""#, false),
        (#"Checks.CheckID contains "serf""#, true),
        (#"service == "web""#, true),
        (#"Service == web"#, true),
    ])
    func singleMatches(_ expression: String, _ expected: Bool) throws {
        #expect(try holds(expression) == expected, "\(expression)")
    }

    @Test(arguments: [
        (#"Service == "web" and Port == 8080"#, true),
        (#"Service == "web" and Port == 80"#, false),
        (#"Service == "api" or Port == 8080"#, true),
        (#"not Service == "api""#, true),
        (#"not (Service == "web" or Port == 1)"#, false),
        // and binds tighter than or: false or (true and true)
        (#"Service == "api" or Service == "web" and Port == 8080"#, true),
        // (false or true) and false
        (#"(Service == "api" or Service == "web") and Port == 1"#, false),
        (#"not not Service == "web""#, true),
        (#"Service == "web" and not "v9" in Tags and Meta.version matches "^1\\.""#, true),
    ])
    func combinators(_ expression: String, _ expected: Bool) throws {
        #expect(try holds(expression) == expected, "\(expression)")
    }

    @Test func parsesPrecedenceIntoTheExpectedTree() throws {
        let parsed = try ConsulFilter(parsing: #"A == "1" or not B == "2" and C is empty"#).expression
        let a = ConsulFilterMatch(selector: ["A"], op: .equal, value: "1")
        let b = ConsulFilterMatch(selector: ["B"], op: .equal, value: "2")
        let c = ConsulFilterMatch(selector: ["C"], op: .isEmpty, value: "")
        #expect(parsed == .or(.match(a), .and(.not(.match(b)), .match(c))))
        let selector = try ConsulFilter(parsing: #"Service.Meta["a-b"].x != "y""#).expression
        #expect(
            selector == .match(ConsulFilterMatch(selector: ["Service", "Meta", "a-b", "x"], op: .notEqual, value: "y")))
    }

    @Test(arguments: [
        #"Service ="#,
        #"Service =="#,
        #"Service == "web"#,
        #"== "web""#,
        #"Service == web-1"#,
        #"Service == a.b"#,
        #"(Service == "web""#,
        #"Service == "web")"#,
        #"Service == "web" and"#,
        #"Service is "web""#,
        #"Service matches "(""#,
        #"Meta[key] == "x""#,
        #""v1" in"#,
        #"Service ~ "x""#,
        #"Service == "a" "b""#,
    ])
    func parseErrorsArePositioned(_ expression: String) {
        #expect(throws: ConsulFilterError.self, "\(expression)") { try ConsulFilter(parsing: expression) }
        do {
            _ = try ConsulFilter(parsing: expression)
        } catch {
            #expect(error.consulMessage.hasPrefix("Failed to create boolean expression evaluator: 1:"))
            #expect(
                error.consulMessage.contains("no match found") || error.consulMessage.contains("regular expression"))
        }
    }

    @Test func theErrorPositionIsTheOffendingToken() {
        do {
            _ = try ConsulFilter(parsing: #"Service = "web""#)
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 8)
            #expect(error.description.hasPrefix("1:9 (8): no match found"))
        }
    }

    @Test func selectsArrayElementsAndObjectMembers() throws {
        let filter = try ConsulFilter(parsing: #"Service == "web""#)
        let other = OrderedJSON.object([.init("Service", .string("api"))])
        #expect(filter.select([Self.service, other, Self.service]) == [Self.service, Self.service])
        let keyed = OrderedJSON.object([.init("api-1", other), .init("web-1", Self.service)])
        #expect(filter.selectMembers(keyed) == .object([.init("web-1", Self.service)]))
    }

    @Test func anEmptyFilterParameterIsNoFilter() throws {
        #expect(try ConsulFilter.from(HTTPQuery(parsing: "filter=")) == nil)
        #expect(try ConsulFilter.from(HTTPQuery(parsing: "filter=%20%20")) == nil)
        #expect(try ConsulFilter.from(HTTPQuery(parsing: "index=3")) == nil)
        #expect(try ConsulFilter.from(HTTPQuery(parsing: "filter=Service%20%3D%3D%20%22web%22")) != nil)
    }
}

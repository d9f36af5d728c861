import Testing

@testable import BridgeCore

/// Request bodies are read as Consul's Go decoder reads them, and refused with its messages.
@Suite("Dev Consul registration decoding and validation")
struct DevConsulDecodingTests {
    func failure(_ json: String) -> String? {
        do {
            let definition = try DevConsulServiceDefinition.decode(Array(json.utf8))
            try definition.validate()
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        ("", "Request decode failed: EOF"),
        ("  \n", "Request decode failed: EOF"),
        (#"{"Foo":1,"Name":"x"}"#, #"Request decode failed: json: unknown field "Foo""#),
        (#"{"Name":"x","Check":{"ID":"c","TTL":"1s"}}"#, #"Request decode failed: json: unknown field "ID""#),
        ("{x", "Request decode failed: invalid character 'x' looking for beginning of object key string"),
        ("x", "Request decode failed: invalid character 'x' looking for beginning of value"),
        (#"{"Name":"x""#, "Request decode failed: unexpected EOF"),
        (
            #"[1]"#,
            "Request decode failed: json: cannot unmarshal array into Go value of type structs.ServiceDefinition"
        ),
        (
            #"{"Name":"x","Port":"80"}"#,
            "Request decode failed: json: cannot unmarshal string into Go struct field ServiceDefinition.Port of type int"
        ),
        (
            #"{"Name":"x","Port":80.5}"#,
            "Request decode failed: json: cannot unmarshal number 80.5 into Go struct field ServiceDefinition.Port of type int"
        ),
        (#"{"Name":"x","Check":{"TTL":"abc"}}"#, #"Request decode failed: time: invalid duration "abc""#),
        ("{}", "Missing service name"),
        (#"{"Name":"x","Address":"0.0.0.0"}"#, "Invalid service address"),
        (#"{"Name":"x","Address":"::"}"#, "Invalid service address"),
        (#"{"Name":"x","Weights":{"Passing":0,"Warning":1}}"#, "Invalid Weights: Passing must be greater than 0"),
        (
            #"{"Name":"x","Meta":{"consul-x":"1"}}"#,
            "Invalid Service Meta: Couldn't load metadata pair ('consul-x', '1'): Key prefix 'consul-' is reserved for internal use"
        ),
        (
            #"{"Name":"x","Meta":{"a b":"1"}}"#,
            "Invalid Service Meta: Couldn't load metadata pair ('a b', '1'): Key contains invalid characters"
        ),
        (
            #"{"Name":"x","Check":{"TTL":"10s","Interval":"10s"}}"#,
            "Invalid check: Interval and TTL cannot both be specified"
        ),
        (
            #"{"Name":"x","Check":{"HTTP":"http://127.0.0.1/"}}"#,
            "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"
        ),
        (#"{"Name":"x","Checks":[{}]}"#, "Invalid check: TTL must be > 0 for TTL checks"),
        (
            #"{"Name":"x","Check":{"TTL":"10s","Status":"ok"}}"#,
            "Status for checks must 'passing', 'warning', 'critical'"
        ),
    ])
    func refused(_ body: String, _ message: String) {
        #expect(failure(body) == message)
    }

    @Test func aMetaValueOver512CharactersIsRefused() {
        let long = String(repeating: "v", count: 513)
        #expect(
            failure(#"{"Name":"x","Meta":{"k":"\#(long)"}}"#)
                == "Invalid Service Meta: Couldn't load metadata pair ('k', '\(long)'): Value is too long (limit: 512 characters)"
        )
        #expect(failure(#"{"Name":"x","Meta":{"k":"\#(String(repeating: "v", count: 512))"}}"#) == nil)
        let many = (0..<65).map { #""k\#($0)":"v""# }.joined(separator: ",")
        #expect(
            failure(#"{"Name":"x","Meta":{\#(many)}}"#)
                == "Invalid Service Meta: Node metadata cannot contain more than 64 key/value pairs")
    }

    @Test func keysMatchCaseInsensitivelyAndSnakeCaseAliasesWork() throws {
        let definition = try DevConsulServiceDefinition.decode(
            Array(
                #"{"name":"web","port":80,"ID":"w","enable_tag_override":true,"check":{"ttl":"10s","deregister_critical_service_after":"90s","checkid":"c"}}"#
                    .utf8))
        #expect(definition.name == "web")
        #expect(definition.port == 80)
        #expect(definition.enableTagOverride)
        #expect(definition.checks.count == 1)
        #expect(definition.checks.first?.checkID == "c")
        #expect(definition.checks.first?.ttl == .seconds(10))
        #expect(definition.checks.first?.deregisterCriticalServiceAfter == .seconds(90))
    }

    @Test func durationsMayBeNanosecondNumbersAndEmptyChecksAreIgnored() throws {
        let definition = try DevConsulServiceDefinition.decode(
            Array(#"{"Name":"web","Check":{},"Checks":[{"TTL":15000000000}]}"#.utf8))
        #expect(definition.checks.count == 1)
        #expect(definition.checks.first?.ttl == .seconds(15))
        let trailing = try DevConsulServiceDefinition.decode(Array(#"{"Name":"web"} trailing"#.utf8))
        #expect(trailing.name == "web")
    }
}

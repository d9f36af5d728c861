import BridgeEvents
import Testing

@testable import BridgeCore

/// The dev agent's rules as a pure value: the clock is passed in, so TTL expiry and reaping are
/// checked to the second without waiting.
@Suite("Dev Consul state: registration, TTL, reaping and indexes")
struct DevConsulStateTests {
    let t0 = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { t0 + .milliseconds(Int64(seconds * 1000)) }

    func fresh(minimum: GoDuration = .seconds(60)) -> DevConsulState {
        DevConsulState(configuration: DevConsulConfiguration(nodeName: "node-a", deregisterMinimum: minimum))
    }

    func definition(_ json: String) throws -> DevConsulServiceDefinition {
        let definition = try DevConsulServiceDefinition.decode(Array(json.utf8))
        try definition.validate()
        return definition
    }

    func register(_ state: inout DevConsulState, _ json: String, at seconds: Double = 0, replace: Bool = false) throws {
        try state.register(definition(json), replaceExistingChecks: replace, now: at(seconds))
    }

    func parsed(_ json: OrderedJSON) throws -> JSONValue { try JSONParser.parse(json.pretty) }

    func check(_ state: DevConsulState, _ id: String) throws -> [String: JSONValue] {
        let checks = try #require(try parsed(state.agentChecks()).objectValue)
        return try #require(checks[id]?.objectValue, "no check \(id)")
    }

    @Test func aFreshServerHoldsTheConsulServiceAndSerfHealth() throws {
        let state = fresh()
        let (services, index) = state.catalogServices()
        #expect(try parsed(services) == ["consul": []])
        #expect(index > 1 && index < 100)
        #expect(try parsed(state.agentServices()) == [:])
        #expect(try parsed(state.agentChecks()) == [:])
        let any = try #require(try parsed(state.healthState("any").json) as JSONValue?)
        guard case .array(let checks) = any else {
            Issue.record("health/state/any is not an array")
            return
        }
        #expect(checks.count == 1)
        #expect(checks.first?.objectValue?["CheckID"] == "serfHealth")
        #expect(checks.first?.objectValue?["Status"] == "passing")
        #expect(try parsed(state.healthState("critical").json) == [])
    }

    @Test func registeringByNameOnlyUsesTheNameAsIDWithConsulDefaults() throws {
        var state = fresh()
        try register(&state, #"{"Name":"web"}"#)
        let services = try #require(try parsed(state.agentServices()).objectValue)
        let web = try #require(services["web"]?.objectValue)
        #expect(web["ID"] == "web")
        #expect(web["Service"] == "web")
        #expect(web["Tags"] == [])
        #expect(web["Meta"] == [:])
        #expect(web["Weights"] == ["Passing": 1, "Warning": 1])
        #expect(web["Datacenter"] == "dc1")
    }

    @Test func checkIDsAndNamesDefaultAsConsulDoes() throws {
        var state = fresh()
        try register(&state, #"{"ID":"web-1","Name":"web","Check":{"TTL":"10s"}}"#)
        let single = try check(state, "service:web-1")
        #expect(single["Name"] == "Service 'web' check")
        #expect(single["Status"] == "critical")
        #expect(single["Output"] == "")
        #expect(single["Type"] == "ttl")

        try register(&state, #"{"ID":"web-2","Name":"web","Checks":[{"TTL":"10s"},{"TTL":"20s","Status":"passing"}]}"#)
        #expect(try check(state, "service:web-2:1")["Status"] == "critical")
        #expect(try check(state, "service:web-2:2")["Status"] == "passing")
    }

    @Test func ttlExpiryMakesTheCheckCriticalWithConsulsOutput() throws {
        var state = fresh()
        try register(&state, #"{"ID":"a","Name":"svc","Check":{"CheckID":"a-ttl","TTL":"5s"}}"#)
        try register(&state, #"{"ID":"b","Name":"svc","Check":{"CheckID":"b-ttl","TTL":"5s"}}"#)
        try state.updateTTL(checkID: "a-ttl", status: "passing", output: "", now: at(1))
        try state.updateTTL(checkID: "b-ttl", status: "passing", output: "hi", now: at(1))
        #expect(state.expireTTLs(now: at(5.9)).isEmpty)
        #expect(try check(state, "a-ttl")["Status"] == "passing")
        #expect(Set(state.expireTTLs(now: at(6.1))) == ["a-ttl", "b-ttl"])
        #expect(try check(state, "a-ttl")["Status"] == "critical")
        #expect(try check(state, "a-ttl")["Output"] == "TTL expired")
        #expect(try check(state, "b-ttl")["Output"] == "TTL expired (last output before timeout follows): hi")
        // The timer fires once; the next update re-arms it.
        #expect(state.expireTTLs(now: at(30)).isEmpty)
        try state.updateTTL(checkID: "a-ttl", status: "warning", output: "slow", now: at(31))
        #expect(try check(state, "a-ttl")["Status"] == "warning")
        #expect(state.expireTTLs(now: at(36.5)) == ["a-ttl"])
    }

    /// Checklist 24: TTL 5s, DeregisterCriticalServiceAfter 1m, never updated, reaper every 30s:
    /// gone 65–95 s after registration, from the agent and the catalog.
    @Test func anUntouchedTTLServiceIsReapedBetween65And95Seconds() throws {
        var state = fresh()
        try register(
            &state, #"{"ID":"web-1","Name":"web","Check":{"TTL":"5s","DeregisterCriticalServiceAfter":"1m"}}"#)
        var removedAt: Double?
        var second = 0.0
        while second <= 120, removedAt == nil {
            state.expireTTLs(now: at(second))
            if second > 0, second.truncatingRemainder(dividingBy: 30) == 0,
                state.reapCriticalServices(now: at(second)) == ["web-1"]
            {
                removedAt = second
            }
            second += 0.5
        }
        let reaped = try #require(removedAt)
        #expect(reaped >= 65 && reaped <= 95)
        #expect(try parsed(state.agentServices()) == [:])
        #expect(try parsed(state.agentChecks()) == [:])
        #expect(try parsed(state.catalogService(name: "web", tags: []).json) == [])
    }

    /// Checklist 25: 10s is raised to the 1m minimum; a lowered minimum (tests) is honoured.
    @Test func deregisterAfterBelowTheMinimumIsRaisedToIt() throws {
        var state = fresh()
        try register(
            &state, #"{"ID":"web-1","Name":"web","Check":{"TTL":"1s","DeregisterCriticalServiceAfter":"10s"}}"#)
        state.expireTTLs(now: at(1.5))
        #expect(state.reapCriticalServices(now: at(30)).isEmpty)
        #expect(state.reapCriticalServices(now: at(60)).isEmpty)
        #expect(state.reapCriticalServices(now: at(62)) == ["web-1"])

        var lowered = fresh(minimum: .seconds(2))
        try register(
            &lowered, #"{"ID":"web-1","Name":"web","Check":{"TTL":"1s","DeregisterCriticalServiceAfter":"1s"}}"#)
        lowered.expireTTLs(now: at(1.5))
        #expect(lowered.reapCriticalServices(now: at(3)).isEmpty)
        #expect(lowered.reapCriticalServices(now: at(4)) == ["web-1"])
    }

    @Test func theCriticalClockStartsOnlyWhenCriticalIsReportedAndStopsOnRecovery() throws {
        var state = fresh(minimum: .seconds(1))
        try register(
            &state, #"{"ID":"a","Name":"svc","Check":{"CheckID":"c","TTL":"1h","DeregisterCriticalServiceAfter":"1s"}}"#
        )
        // Critical since registration, but never reported critical: not reaped.
        #expect(state.reapCriticalServices(now: at(100)).isEmpty)
        try state.updateTTL(checkID: "c", status: "critical", output: "down", now: at(100))
        try state.updateTTL(checkID: "c", status: "passing", output: "", now: at(100.5))
        #expect(state.reapCriticalServices(now: at(102)).isEmpty)
        try state.updateTTL(checkID: "c", status: "critical", output: "down", now: at(103))
        #expect(state.reapCriticalServices(now: at(103.5)).isEmpty)
        #expect(state.reapCriticalServices(now: at(104.5)) == ["a"])
    }

    @Test func reRegisteringKeepsCheckStatusAndOutput() throws {
        var state = fresh()
        let body = #"{"ID":"web-1","Name":"web","Tags":["a"],"Check":{"TTL":"10s"}}"#
        try register(&state, body)
        try state.updateTTL(checkID: "service:web-1", status: "passing", output: "fine", now: at(1))
        try register(&state, #"{"ID":"web-1","Name":"web","Tags":["b"],"Check":{"TTL":"10s","Status":"critical"}}"#)
        let kept = try check(state, "service:web-1")
        #expect(kept["Status"] == "passing")
        #expect(kept["Output"] == "fine")
        #expect(kept["ServiceTags"] == ["b"])
    }

    @Test func replaceExistingChecksRemovesChecksMissingFromThePayload() throws {
        var state = fresh()
        try register(&state, #"{"ID":"web-1","Name":"web","Check":{"TTL":"10s"}}"#)
        try register(&state, #"{"ID":"web-1","Name":"web"}"#)
        #expect(try parsed(state.agentChecks()).objectValue?.keys.sorted() == ["service:web-1"])
        try register(&state, #"{"ID":"web-1","Name":"web"}"#, replace: true)
        #expect(try parsed(state.agentChecks()) == [:])
    }

    @Test func deregisteringRemovesTheServiceAndItsChecksAndUnknownIDsAre404() throws {
        var state = fresh()
        try register(&state, #"{"ID":"web-1","Name":"web","Checks":[{"TTL":"1s"},{"TTL":"2s"}]}"#)
        try state.deregister(serviceID: "web-1")
        #expect(try parsed(state.agentChecks()) == [:])
        #expect(
            throws: DevConsulError.notFound(
                "Unknown service ID \"web-1\". Ensure that the service ID is passed, not the service name.")
        ) {
            try state.deregister(serviceID: "web-1")
        }
        // The catalog-only consul service is not the agent's to deregister.
        #expect(throws: DevConsulError.self) { try state.deregister(serviceID: "consul") }
    }

    @Test func ttlUpdatesRefuseUnknownAndNonTTLChecks() throws {
        var state = fresh()
        try register(
            &state,
            #"{"ID":"web-1","Name":"web","Check":{"CheckID":"h","HTTP":"http://127.0.0.1:1/","Interval":"10s"}}"#)
        #expect(
            throws: DevConsulError.notFound(
                "Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.")
        ) {
            try state.updateTTL(checkID: "nope", status: "passing", output: "", now: at(1))
        }
        #expect(throws: DevConsulError.internalError("CheckID \"h\" does not have associated TTL")) {
            try state.updateTTL(checkID: "h", status: "passing", output: "", now: at(1))
        }
        // serfHealth exists only in the catalog: unknown to the agent.
        #expect(throws: DevConsulError.self) {
            try state.updateTTL(checkID: "serfHealth", status: "passing", output: "", now: at(1))
        }
    }

    @Test func outputIsCutToOutputMaxSize() throws {
        var state = fresh()
        try register(
            &state,
            #"{"ID":"a","Name":"svc","Checks":[{"CheckID":"big","TTL":"10s"},{"CheckID":"small","TTL":"10s","OutputMaxSize":8}]}"#
        )
        try state.updateTTL(
            checkID: "big", status: "passing", output: String(repeating: "x", count: 5000), now: at(1))
        try state.updateTTL(checkID: "small", status: "passing", output: "0123456789", now: at(1))
        #expect(
            try check(state, "big")["Output"]
                == .string(String(repeating: "x", count: 4096) + " ... (captured 4096 of 5000 bytes)"))
        #expect(try check(state, "small")["Output"] == "01234567 ... (captured 8 of 10 bytes)")
    }

    @Test func indexesRiseOnlyWhenSomethingChanges() throws {
        var state = fresh()
        let start = state.indexes.last
        let body = #"{"ID":"web-1","Name":"web","Check":{"TTL":"10s"}}"#
        try register(&state, body)
        let afterRegister = state.indexes.last
        #expect(afterRegister == start + 1)
        #expect(state.catalogService(name: "web", tags: []).index == afterRegister)
        try register(&state, body, at: 1)
        #expect(state.indexes.last == afterRegister)
        try state.updateTTL(checkID: "service:web-1", status: "passing", output: "ok", now: at(2))
        let afterPass = state.indexes.last
        #expect(afterPass == afterRegister + 1)
        #expect(state.healthService(name: "web", tags: [], passingOnly: false).index == afterPass)
        try state.updateTTL(checkID: "service:web-1", status: "passing", output: "ok", now: at(3))
        #expect(state.indexes.last == afterPass)
        // Another service's writes do not move web's index; the services table's index does move.
        try register(&state, #"{"ID":"db-1","Name":"db"}"#, at: 4)
        #expect(state.catalogService(name: "web", tags: []).index == afterPass)
        #expect(state.catalogServices().index == afterPass + 1)
        // An unknown name answers with the services table's index.
        #expect(state.catalogService(name: "missing", tags: []).index == afterPass + 1)
        try state.deregister(serviceID: "web-1")
        #expect(state.catalogService(name: "web", tags: []).index == afterPass + 2)
    }

    @Test func ipv4AndIPv6AddressesGetDefaultTaggedAddresses() throws {
        var state = fresh()
        try register(&state, #"{"ID":"a","Name":"svc","Address":"10.0.0.5","Port":8080}"#)
        try register(&state, #"{"ID":"b","Name":"svc","Address":"::1","Port":9}"#)
        try register(
            &state,
            #"{"ID":"c","Name":"svc","Address":"10.0.0.6","Port":1,"TaggedAddresses":{"lan_ipv4":{"Address":"10.9.9.9","Port":2}}}"#
        )
        try register(&state, #"{"ID":"d","Name":"svc","Address":"db.internal","Port":1}"#)
        let services = try #require(try parsed(state.agentServices()).objectValue)
        #expect(
            services["a"]?.objectValue?["TaggedAddresses"]
                == [
                    "lan_ipv4": ["Address": "10.0.0.5", "Port": 8080],
                    "wan_ipv4": ["Address": "10.0.0.5", "Port": 8080],
                ])
        #expect(services["b"]?.objectValue?["TaggedAddresses"]?.objectValue?.keys.sorted() == ["lan_ipv6", "wan_ipv6"])
        #expect(
            services["c"]?.objectValue?["TaggedAddresses"]?.objectValue?["lan_ipv4"] == [
                "Address": "10.9.9.9", "Port": 2,
            ])
        #expect(services["d"]?.objectValue?["TaggedAddresses"] == nil)
    }

    @Test func healthShowsPortOnlyWhenNonZeroAndPassingFiltersOnEveryCheck() throws {
        var state = fresh()
        try register(&state, #"{"ID":"p0","Name":"svc"}"#)
        try register(&state, #"{"ID":"p1","Name":"svc","Port":81,"Check":{"TTL":"10s","Status":"warning"}}"#)
        let health = try parsed(state.healthService(name: "svc", tags: [], passingOnly: false).json)
        guard case .array(let entries) = health, entries.count == 2 else {
            Issue.record("expected two entries, got \(health)")
            return
        }
        #expect(entries[0].objectValue?["Service"]?.objectValue?["Port"] == nil)
        #expect(entries[1].objectValue?["Service"]?.objectValue?["Port"] == 81)
        let checkIDs = entries[1].objectValue?["Checks"].flatMap { value -> [String]? in
            guard case .array(let checks) = value else { return nil }
            return checks.compactMap { $0.objectValue?["CheckID"]?.stringValue }
        }
        #expect(checkIDs == ["serfHealth", "service:p1"])
        let catalog = try parsed(state.catalogService(name: "svc", tags: []).json)
        guard case .array(let nodes) = catalog else { return }
        #expect(nodes.first?.objectValue?["ServicePort"] == 0)
        let passing = try parsed(state.healthService(name: "svc", tags: [], passingOnly: true).json)
        guard case .array(let passingEntries) = passing else { return }
        #expect(passingEntries.compactMap { $0.objectValue?["Service"]?.objectValue?["ID"]?.stringValue } == ["p0"])
    }

    @Test func tagFiltersNeedEveryTagCaseInsensitively() throws {
        var state = fresh()
        try register(&state, #"{"ID":"a","Name":"web","Tags":["A","b"]}"#)
        try register(&state, #"{"ID":"b","Name":"web","Tags":["a"]}"#)
        func ids(_ tags: [String]) throws -> [String] {
            guard case .array(let nodes) = try parsed(state.catalogService(name: "web", tags: tags).json) else {
                return []
            }
            return nodes.compactMap { $0.objectValue?["ServiceID"]?.stringValue }
        }
        #expect(try ids([]) == ["a", "b"])
        #expect(try ids(["a"]) == ["a", "b"])
        #expect(try ids(["a", "B"]) == ["a"])
        #expect(try ids(["c"]) == [])
        #expect(try parsed(state.catalogServices().json).objectValue?["web"] == ["A", "b", "a"])
    }

    @Test func singleServiceReadCarriesAStableContentHash() throws {
        var state = fresh()
        try register(&state, #"{"ID":"web-1","Name":"web","Port":1}"#)
        let (json, hash) = try #require(state.agentService(id: "web-1"))
        #expect(!hash.isEmpty)
        #expect(try parsed(json).objectValue?["ContentHash"] == .string(hash))
        #expect(state.agentService(id: "web-1")?.contentHash == hash)
        try register(&state, #"{"ID":"web-1","Name":"web","Port":2}"#)
        #expect(state.agentService(id: "web-1")?.contentHash != hash)
        #expect(state.agentService(id: "consul") == nil)
    }
}

/// Everything `bridgectl dev consul` holds, as a value: the node, services and checks, and the
/// index. Every operation is a pure function of the state, its arguments and the instant passed in,
/// so the TTL, expiry and reaping rules are tested without waiting; the agent actor owns one
/// state and feeds it the clock.
struct DevConsulState: Sendable {
    typealias Instant = ContinuousClock.Instant

    let configuration: DevConsulConfiguration
    private(set) var node: DevConsulNode
    private(set) var services: [String: DevConsulServiceRecord] = [:]
    private(set) var checks: [String: DevConsulCheckRecord] = [:]
    /// Secondary indexes, so that every write and every per-name read costs what it touches, not
    /// the size of the catalog.
    private(set) var serviceIDsByName: [String: Set<String>] = [:]
    /// Check IDs per service ID; node checks (`serfHealth`) under "".
    private(set) var checkIDsByService: [String: Set<String>] = [:]
    private(set) var indexes = DevConsulIndexes(startingAfter: 10)
    private(set) var kv = DevConsulKVStore()
    /// Nodes other than the agent's, written by `/v1/txn` (a catalog-only record, as a node whose
    /// agent registered it elsewhere).
    private(set) var otherNodes: [String: DevConsulNode] = [:]
    /// The earliest TTL deadline, or earlier (a lower bound): lets the expiry scan skip most ticks.
    private(set) var earliestTTLDeadline: Instant?

    static let serfHealthID = "serfHealth"

    /// A fresh dev server: the node, its `consul` service (port 8300) and a passing `serfHealth`,
    /// written at three consecutive small indexes.
    init(configuration: DevConsulConfiguration) {
        self.configuration = configuration
        node = DevConsulNode(
            name: configuration.nodeName, id: configuration.nodeID, address: configuration.bindAddress,
            datacenter: configuration.datacenter,
            meta: ["consul-network-segment": "", "consul-version": DevConsulConfiguration.emulatedVersion],
            createIndex: 0, modifyIndex: 0)
        let nodeIndex = indexes.commit(nodes: true, services: false, checks: false, names: [])
        node.createIndex = nodeIndex
        node.modifyIndex = nodeIndex
        let serfIndex = indexes.commit(services: false, checks: true, names: [])
        put(
            DevConsulCheckRecord(
                id: Self.serfHealthID, name: "Serf Health Status", status: DevConsulCheckStatus.passing,
                output: "Agent alive and reachable", isAgentLocal: false, createIndex: serfIndex, modifyIndex: serfIndex
            ))
        let consulIndex = indexes.commit(services: true, checks: false, names: ["consul"])
        put(
            DevConsulServiceRecord(
                id: "consul", name: "consul", tags: [], address: "", taggedAddresses: [:], meta: [:], port: 8300,
                socketPath: "", weights: .default, enableTagOverride: false, isAgentLocal: false,
                createIndex: consulIndex, modifyIndex: consulIndex))
    }

    // MARK: - Agent writes

    /// `PUT /v1/agent/service/register` after validation: adds or replaces the service and its
    /// checks (a check that already exists keeps its status and output).
    mutating func register(
        _ definition: DevConsulServiceDefinition, replaceExistingChecks: Bool, now: Instant
    ) throws(DevConsulError) {
        if definition.checks.contains(where: \.isScript) {
            throw .internalError(
                "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true"
            )
        }
        let id = definition.id.isEmpty ? definition.name : definition.id
        if let existing = services[id], existing.id == "consul", !existing.isAgentLocal {
            throw .badRequest("Service ID \(GoText.quote(id)) is reserved by the dev server's own catalog")
        }
        var taggedAddresses = definition.taggedAddresses
        switch IPAddressLiteral.family(of: definition.address) {
        case .v4?:
            let address = DevConsulServiceAddress(address: definition.address, port: definition.port)
            if taggedAddresses["lan_ipv4"] == nil { taggedAddresses["lan_ipv4"] = address }
            if taggedAddresses["wan_ipv4"] == nil { taggedAddresses["wan_ipv4"] = address }
        case .v6?:
            let address = DevConsulServiceAddress(address: definition.address, port: definition.port)
            if taggedAddresses["lan_ipv6"] == nil { taggedAddresses["lan_ipv6"] = address }
            if taggedAddresses["wan_ipv6"] == nil { taggedAddresses["wan_ipv6"] = address }
        case nil:
            break
        }
        let index = indexes.next
        var touchedNames: Set<String> = []
        var servicesChanged = false
        var checksChanged = false

        var service = DevConsulServiceRecord(
            id: id, name: definition.name, tags: definition.tags, address: definition.address,
            taggedAddresses: taggedAddresses, meta: definition.meta, port: definition.port,
            socketPath: definition.socketPath, weights: definition.weights ?? .default,
            enableTagOverride: definition.enableTagOverride, isAgentLocal: true)
        if let existing = services[id], existing.hasSameContent(as: service) {
            service = existing
        } else {
            service.createIndex = services[id]?.createIndex ?? index
            service.modifyIndex = index
            servicesChanged = true
            touchedNames.insert(service.name)
            if let previousName = services[id]?.name { touchedNames.insert(previousName) }
        }
        put(service)

        var registeredCheckIDs: Set<String> = []
        for (offset, declared) in definition.checks.enumerated() {
            let checkID =
                !declared.checkID.isEmpty
                ? declared.checkID
                : definition.checks.count > 1 ? "service:\(id):\(offset + 1)" : "service:\(id)"
            registeredCheckIDs.insert(checkID)
            let previous = checks[checkID]
            var check = DevConsulCheckRecord(
                id: checkID, name: declared.name.isEmpty ? "Service '\(definition.name)' check" : declared.name,
                status: declared.status.isEmpty ? DevConsulCheckStatus.critical : declared.status,
                notes: declared.notes, serviceID: id, serviceName: service.name, serviceTags: service.tags,
                type: declared.type, interval: declared.interval, timeout: declared.timeout, definition: declared,
                isAgentLocal: true)
            if declared.type == "http", check.timeout == .zero {
                check.timeout = DevConsulCheckDefinition.defaultHTTPTimeout
            }
            if let previous {
                // Consul restores status and output from its snapshot of the checks.
                check.status = previous.status
                check.output = previous.output
                if check.status == DevConsulCheckStatus.critical { check.criticalSince = previous.criticalSince }
            }
            if declared.deregisterCriticalServiceAfter > .zero {
                check.deregisterAfter = max(declared.deregisterCriticalServiceAfter, configuration.deregisterMinimum)
            }
            if declared.type == "ttl" {
                // A registration starts a fresh TTL monitor.
                setTTLDeadline(&check, now + declared.ttl.duration)
            }
            if let previous, previous.hasSameCatalogContent(as: check) {
                check.createIndex = previous.createIndex
                check.modifyIndex = previous.modifyIndex
            } else {
                check.createIndex = previous?.createIndex ?? index
                check.modifyIndex = index
                checksChanged = true
                touchedNames.insert(service.name)
                if let previousName = previous?.serviceName, !previousName.isEmpty { touchedNames.insert(previousName) }
            }
            put(check)
        }
        for checkID in checkIDsByService[id, default: []] where !registeredCheckIDs.contains(checkID) {
            guard var check = checks[checkID] else { continue }
            if replaceExistingChecks {
                removeCheck(checkID)
                checksChanged = true
                touchedNames.insert(service.name)
            } else if check.serviceName != service.name || check.serviceTags != service.tags {
                // Checks kept from an earlier registration follow the service's name and tags.
                check.serviceName = service.name
                check.serviceTags = service.tags
                check.modifyIndex = index
                put(check)
                checksChanged = true
            }
        }
        guard servicesChanged || checksChanged else { return }
        indexes.commit(services: servicesChanged, checks: checksChanged, names: touchedNames)
        forgetNamesWithoutInstances(touchedNames)
    }

    /// `PUT /v1/agent/service/deregister/:id`: the service and all its checks.
    mutating func deregister(serviceID: String) throws(DevConsulError) {
        guard let service = services[serviceID], service.isAgentLocal else {
            throw .notFound(
                "Unknown service ID \(GoText.quote(serviceID)). Ensure that the service ID is passed, not the service name."
            )
        }
        removeService(serviceID)
        for checkID in checkIDsByService[serviceID, default: []] { removeCheck(checkID) }
        indexes.commit(services: true, checks: true, names: [service.name])
        forgetNamesWithoutInstances([service.name])
    }

    /// `PUT /v1/agent/check/{pass,warn,fail,update}/:id`: sets status and output (cut to the
    /// check's OutputMaxSize) and restarts the TTL timer.
    mutating func updateTTL(checkID: String, status: String, output: String, now: Instant) throws(DevConsulError) {
        guard var check = checks[checkID], check.isAgentLocal else {
            throw .notFound(
                "Unknown check ID \(GoText.quote(checkID)). Ensure that the check ID is passed, not the check name.")
        }
        guard check.isTTL, let definition = check.definition else {
            throw .internalError("CheckID \(GoText.quote(checkID)) does not have associated TTL")
        }
        let truncated = Self.truncate(output, to: definition.effectiveOutputMaxSize)
        check.lastOutput = truncated
        setTTLDeadline(&check, now + definition.ttl.duration)
        checks[checkID] = check
        apply(status: status, output: truncated, to: checkID, now: now)
    }

    /// The result of running a (HTTP) check.
    mutating func record(checkID: String, status: String, output: String, now: Instant) {
        guard let check = checks[checkID], let definition = check.definition else { return }
        apply(
            status: status, output: Self.truncate(output, to: definition.effectiveOutputMaxSize), to: checkID, now: now)
    }

    // MARK: - KV writes

    /// `PUT /v1/kv/:key`: every successful write takes a new index (as a raft apply does), even
    /// when the value is unchanged; a failed CAS takes none.
    mutating func kvPut(
        key: String, value: [UInt8], flags: UInt64, when condition: DevConsulKVStore.Condition
    ) -> Bool {
        guard kv.put(key: key, value: value, flags: flags, when: condition, index: indexes.next) else { return false }
        indexes.commitKV()
        return true
    }

    /// `DELETE /v1/kv/:key[?recurse|?cas=N]`: takes an index only when something is removed.
    mutating func kvDelete(key: String, recurse: Bool, when condition: DevConsulKVStore.Condition) -> Bool {
        guard kv.wouldDelete(prefix: key, recurse: recurse) else {
            // A missing key is "deleted"; a CAS on it succeeds too (Consul's KVSDeleteCAS).
            return true
        }
        if recurse {
            kv.deleteTree(prefix: key, index: indexes.next)
        } else {
            guard kv.delete(key: key, when: condition, index: indexes.next) else { return false }
        }
        indexes.commitKV()
        return true
    }

    // MARK: - Catalog writes (txn)

    /// The node called `name`: the agent's own or one written by a txn.
    func node(named name: String) -> DevConsulNode? {
        name == node.name ? node : otherNodes[name]
    }

    /// A txn Node `set`: creates or replaces a node other than the agent's (whose record the agent
    /// owns and keeps; it is returned unchanged). Returns the node as stored.
    mutating func catalogSetNode(_ written: DevConsulNode) -> DevConsulNode {
        guard written.name != node.name else { return node }
        var stored = written
        let previous = otherNodes[written.name]
        stored.createIndex = previous?.createIndex ?? indexes.next
        stored.modifyIndex = indexes.next
        if let previous, previous.hasSameContent(as: stored) { return previous }
        otherNodes[written.name] = stored
        indexes.commit(nodes: true, services: false, checks: false, names: [])
        return stored
    }

    /// A txn Node `delete`: a node other than the agent's, with its services.
    mutating func catalogDeleteNode(_ name: String) {
        guard otherNodes.removeValue(forKey: name) != nil else { return }
        let doomed = services.values.filter { $0.nodeName == name }
        for service in doomed { removeService(service.key) }
        let names = Set(doomed.map(\.name))
        indexes.commit(nodes: true, services: !doomed.isEmpty, checks: false, names: names)
        forgetNamesWithoutInstances(names)
    }

    /// A txn Service `set` on a node that exists ("" is the agent's): catalog-only, so agent
    /// endpoints do not list it. Returns the service as stored.
    mutating func catalogSetService(_ written: DevConsulServiceRecord) -> DevConsulServiceRecord {
        let previous = services[written.key]
        var stored = written
        stored.isAgentLocal = false
        stored.createIndex = previous?.createIndex ?? indexes.next
        stored.modifyIndex = indexes.next
        if let previous, previous.hasSameContent(as: stored) { return previous }
        put(stored)
        var names: Set<String> = [stored.name]
        if let previous { names.insert(previous.name) }
        indexes.commit(services: true, checks: false, names: names)
        forgetNamesWithoutInstances(names)
        return stored
    }

    /// A txn Service `delete` (catalog-only services; a missing one is not an error).
    mutating func catalogDeleteService(node nodeName: String, id: String) {
        let key = DevConsulServiceRecord.key(node: nodeName, id: id)
        guard let service = services[key], !service.isAgentLocal else { return }
        removeService(key)
        indexes.commit(services: true, checks: false, names: [service.name])
        forgetNamesWithoutInstances([service.name])
    }

    /// The full anti-entropy sync: the agent's local state is authoritative for its own node, so
    /// catalog-only services there (written by a txn) are removed; the `consul` service stays, and
    /// services on other nodes are not the agent's business. Returns the IDs removed.
    @discardableResult
    mutating func antiEntropySync() -> [String] {
        let doomed = services.values.filter { $0.nodeName.isEmpty && !$0.isAgentLocal && $0.id != "consul" }
        guard !doomed.isEmpty else { return [] }
        for service in doomed { removeService(service.key) }
        let names = Set(doomed.map(\.name))
        indexes.commit(services: true, checks: false, names: names)
        forgetNamesWithoutInstances(names)
        return doomed.map(\.id).sorted()
    }

    // MARK: - Time

    /// Marks every TTL check whose timer ran out as critical, with Consul's `TTL expired` output.
    /// Returns the IDs of the checks that expired.
    @discardableResult
    mutating func expireTTLs(now: Instant) -> [String] {
        guard let earliest = earliestTTLDeadline, earliest <= now else { return [] }
        var expired: [String] = []
        var nextDeadline: Instant?
        for check in checks.values {
            guard let deadline = check.ttlDeadline else { continue }
            if deadline <= now {
                expired.append(check.id)
            } else if nextDeadline.map({ deadline < $0 }) ?? true {
                nextDeadline = deadline
            }
        }
        earliestTTLDeadline = nextDeadline
        for id in expired.sorted() {
            guard var check = checks[id] else { continue }
            check.ttlDeadline = nil
            checks[id] = check
            let output =
                check.lastOutput.isEmpty
                ? "TTL expired" : "TTL expired (last output before timeout follows): \(check.lastOutput)"
            apply(status: DevConsulCheckStatus.critical, output: output, to: id, now: now)
        }
        return expired
    }

    /// Consul's reaper: deregisters every service with a check that has been critical for longer
    /// than its `DeregisterCriticalServiceAfter`. Returns the IDs of the services removed.
    @discardableResult
    mutating func reapCriticalServices(now: Instant) -> [String] {
        var reaped: [String] = []
        for check in checks.values.sorted(by: { $0.id < $1.id }) {
            guard check.isAgentLocal, !check.serviceID.isEmpty, !reaped.contains(check.serviceID),
                check.status == DevConsulCheckStatus.critical, let timeout = check.deregisterAfter,
                let since = check.criticalSince, now - since > timeout.duration
            else { continue }
            if (try? deregister(serviceID: check.serviceID)) != nil { reaped.append(check.serviceID) }
        }
        return reaped
    }

    // MARK: - Helpers

    private mutating func apply(status: String, output: String, to checkID: String, now: Instant) {
        guard var check = checks[checkID] else { return }
        if status == DevConsulCheckStatus.critical {
            if check.criticalSince == nil { check.criticalSince = now }
        } else {
            check.criticalSince = nil
        }
        guard check.status != status || check.output != output else {
            checks[checkID] = check
            return
        }
        check.status = status
        check.output = output
        check.modifyIndex = indexes.next
        checks[checkID] = check
        indexes.commit(services: false, checks: true, names: check.serviceName.isEmpty ? [] : [check.serviceName])
    }

    private mutating func setTTLDeadline(_ check: inout DevConsulCheckRecord, _ deadline: Instant) {
        check.ttlDeadline = deadline
        if earliestTTLDeadline.map({ deadline < $0 }) ?? true { earliestTTLDeadline = deadline }
    }

    private mutating func forgetNamesWithoutInstances(_ names: Set<String>) {
        for name in names where serviceIDsByName[name, default: []].isEmpty {
            indexes.forget(name: name)
        }
    }

    private mutating func put(_ service: DevConsulServiceRecord) {
        let key = service.key
        if let previous = services[key], previous.name != service.name {
            serviceIDsByName[previous.name]?.remove(key)
            if serviceIDsByName[previous.name]?.isEmpty == true { serviceIDsByName[previous.name] = nil }
        }
        services[key] = service
        serviceIDsByName[service.name, default: []].insert(key)
    }

    private mutating func removeService(_ key: String) {
        guard let service = services.removeValue(forKey: key) else { return }
        serviceIDsByName[service.name]?.remove(key)
        if serviceIDsByName[service.name]?.isEmpty == true { serviceIDsByName[service.name] = nil }
    }

    private mutating func put(_ check: DevConsulCheckRecord) {
        if let previous = checks[check.id], previous.serviceID != check.serviceID {
            checkIDsByService[previous.serviceID]?.remove(check.id)
            if checkIDsByService[previous.serviceID]?.isEmpty == true { checkIDsByService[previous.serviceID] = nil }
        }
        checks[check.id] = check
        checkIDsByService[check.serviceID, default: []].insert(check.id)
    }

    private mutating func removeCheck(_ id: String) {
        guard let check = checks.removeValue(forKey: id) else { return }
        checkIDsByService[check.serviceID]?.remove(id)
        if checkIDsByService[check.serviceID]?.isEmpty == true { checkIDsByService[check.serviceID] = nil }
    }

    /// Consul's output cap: `<first max bytes> ... (captured max of N bytes)`.
    static func truncate(_ output: String, to maximum: Int) -> String {
        let bytes = Array(output.utf8)
        guard bytes.count > maximum else { return output }
        return String(decoding: bytes[..<maximum], as: UTF8.self) + " ... (captured \(maximum) of \(bytes.count) bytes)"
    }
}

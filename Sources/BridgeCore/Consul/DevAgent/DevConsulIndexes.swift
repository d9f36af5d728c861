/// The raft-like index of the dev agent's catalog. Every write that changes something takes the
/// next index and stamps the tables and service names it touched; a write that changes nothing
/// (re-registering an identical service, passing an already-passing check with the same output)
/// takes none, as in Consul. A blocking query on a table or a service name waits until that
/// table's or name's index exceeds the one the client sent.
struct DevConsulIndexes: Sendable, Equatable {
    /// The last index handed out. Starts small and above 1, as a fresh `consul agent -dev`.
    private(set) var last: UInt64
    private(set) var nodes: UInt64 = 0
    private(set) var services: UInt64 = 0
    private(set) var checks: UInt64 = 0
    /// The KV store's last write or delete.
    private(set) var kvs: UInt64 = 0
    /// Per service name: the last write to an instance of it or to one of its instances' checks.
    private(set) var serviceNames: [String: UInt64] = [:]
    /// Per service name with no instances left: the index of the write that removed the last one.
    private(set) var removedNames: [String: UInt64] = [:]

    init(startingAfter first: UInt64) {
        last = first
    }

    /// The index the next change would take.
    var next: UInt64 { last + 1 }

    /// Records that a write at `next` touched these parts, and returns that index.
    @discardableResult
    mutating func commit(
        nodes touchesNodes: Bool = false, services touchesServices: Bool, checks touchesChecks: Bool, names: Set<String>
    )
        -> UInt64
    {
        last += 1
        if touchesNodes { nodes = last }
        if touchesServices { services = last }
        if touchesChecks { checks = last }
        for name in names {
            serviceNames[name] = last
            removedNames[name] = nil
        }
        return last
    }

    /// Records a KV write at `next` and returns that index.
    @discardableResult
    mutating func commitKV() -> UInt64 {
        last += 1
        kvs = last
        return last
    }

    /// Forgets a service name that has no instances left (queries for it then see the services
    /// table's index, which the removal raised), remembering when it went for blocking queries.
    mutating func forget(name: String) {
        if let index = serviceNames.removeValue(forKey: name) { removedNames[name] = index }
    }

    /// `X-Consul-Index` for a query on one service name: that name's index, else the services table's.
    func forService(_ name: String) -> UInt64 { serviceNames[name] ?? services }

    /// What a blocking query on one service name watches: the last write touching that name (its
    /// removal included), 0 for a name never seen. Unlike `forService`, writes to other names never
    /// move it, so a watcher of `x` does not wake for `y`.
    func watchedForService(_ name: String) -> UInt64 { serviceNames[name] ?? removedNames[name] ?? 0 }
}

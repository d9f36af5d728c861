/// The dev agent's KV store as a value: entries by key and, for every deleted key, the index of its
/// deletion (Consul's tombstones), so that a blocking read on a key or prefix sees its index move
/// when something under it is deleted and only then. Writes take the index they are given; the
/// state hands out indexes.
struct DevConsulKVStore: Sendable, Equatable {
    private(set) var entries: [String: DevConsulKVEntry] = [:]
    private(set) var tombstones: [String: UInt64] = [:]

    /// Consul's `kv_max_value_size`.
    static let maximumValueSize = 524_288

    enum Condition: Sendable, Equatable {
        case always
        /// `?cas=N`: only when the key's ModifyIndex is N; 0 means only when the key is absent.
        case modifyIndex(UInt64)
    }

    /// PUT: stores the value unless the condition fails; returns whether it stored.
    mutating func put(key: String, value: [UInt8], flags: UInt64, when condition: Condition, index: UInt64) -> Bool {
        let existing = entries[key]
        if case .modifyIndex(let expected) = condition {
            if expected == 0, existing != nil { return false }
            if expected != 0, existing?.modifyIndex != expected { return false }
        }
        entries[key] = DevConsulKVEntry(
            key: key, value: value, flags: flags, lockIndex: existing?.lockIndex ?? 0,
            createIndex: existing?.createIndex ?? index, modifyIndex: index)
        tombstones[key] = nil
        return true
    }

    /// DELETE of one key: a missing key counts as deleted; with `?cas=N` only when its ModifyIndex is
    /// N (0 never matches). Returns whether the key is now absent because of this call or was already.
    mutating func delete(key: String, when condition: Condition, index: UInt64) -> Bool {
        guard let existing = entries[key] else { return true }
        if case .modifyIndex(let expected) = condition, existing.modifyIndex != expected { return false }
        entries[key] = nil
        tombstones[key] = index
        return true
    }

    /// DELETE `?recurse`: every key with the prefix. Returns how many were removed.
    @discardableResult
    mutating func deleteTree(prefix: String, index: UInt64) -> Int {
        let doomed = entries.keys.filter { $0.hasPrefix(prefix) }
        for key in doomed {
            entries[key] = nil
            tombstones[key] = index
        }
        return doomed.count
    }

    /// Whether a delete of `key` (or of the tree under it) would change anything.
    func wouldDelete(prefix: String, recurse: Bool) -> Bool {
        recurse ? entries.keys.contains { $0.hasPrefix(prefix) } : entries[prefix] != nil
    }

    /// GET of one key, and the index of that key's last change (its ModifyIndex, or its deletion,
    /// or 1 when it never existed, for Consul's "never 0").
    func get(_ key: String) -> (entry: DevConsulKVEntry?, index: UInt64) {
        if let entry = entries[key] { return (entry, entry.modifyIndex) }
        return (nil, max(1, tombstones[key] ?? 0))
    }

    /// GET `?recurse`: the keys with the prefix in lexicographic order, and the highest index of a
    /// change under the prefix.
    func list(prefix: String) -> (entries: [DevConsulKVEntry], index: UInt64) {
        let selected = entries.values.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
        return (selected, index(under: prefix, live: selected))
    }

    /// GET `?keys[&separator=s]`: key names with the prefix; with a separator, keys below the next
    /// separator after the prefix are rolled up into one `prefix…separator` entry.
    func keys(prefix: String, separator: String) -> (keys: [String], index: UInt64) {
        let selected = entries.values.filter { $0.key.hasPrefix(prefix) }
        var names: [String] = []
        var seen: Set<String> = []
        for key in selected.map(\.key).sorted() {
            var name = key
            if !separator.isEmpty {
                let rest = key.dropFirst(prefix.count)
                if let range = rest.range(of: separator) {
                    name = prefix + rest[..<range.upperBound]
                }
            }
            if seen.insert(name).inserted { names.append(name) }
        }
        return (names, index(under: prefix, live: selected))
    }

    private func index(under prefix: String, live: [DevConsulKVEntry]) -> UInt64 {
        var highest = live.map(\.modifyIndex).max() ?? 0
        for (key, deleted) in tombstones where deleted > highest && key.hasPrefix(prefix) { highest = deleted }
        return max(1, highest)
    }
}

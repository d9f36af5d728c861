import BridgeEvents

/// How bridgectl's consumers read. Offsets are stored and committed only when the application says
/// so, and an offset that fell out of the log is reported, never silently reset.
public struct KafkaConsumerOptions: Sendable, Hashable {
    public var clientID: String
    /// nil: assign mode only (no group; `commit` and `stored` offsets are unavailable).
    public var groupID: String?
    /// Where a group starts in a partition it has no committed offset for.
    public var initialPosition: KafkaInitialPosition
    /// The mock broker does not long-poll: an empty fetch waits this long, so keep it low.
    public var fetchWaitMilliseconds: Int
    public var reportEndOfPartition: Bool
    /// Copying headers costs time; readers that never show them can skip it.
    public var readHeaders: Bool

    public init(
        clientID: String = "bridgectl", groupID: String? = nil, initialPosition: KafkaInitialPosition = .beginning,
        fetchWaitMilliseconds: Int = 5, reportEndOfPartition: Bool = false, readHeaders: Bool = true
    ) {
        self.clientID = clientID
        self.groupID = groupID
        self.initialPosition = initialPosition
        self.fetchWaitMilliseconds = fetchWaitMilliseconds
        self.reportEndOfPartition = reportEndOfPartition
        self.readHeaders = readHeaders
    }

    /// The librdkafka properties, ours first and then `-X`.
    public func properties(for settings: KafkaSettings) -> [KafkaProperty] {
        var list: [KafkaProperty] = [
            .init(key: "bootstrap.servers", value: settings.brokers),
            .init(key: "client.id", value: clientID),
            .init(key: "enable.auto.commit", value: "false"),
            .init(key: "enable.auto.offset.store", value: "false"),
            // An offset reset is reported to the application (KafkaConsumerEvent.offsetOutOfRange),
            // which decides; a group's first start is handled with `initialPosition`.
            .init(key: "auto.offset.reset", value: "error"),
            .init(key: "fetch.wait.max.ms", value: String(fetchWaitMilliseconds)),
            .init(key: "enable.partition.eof", value: reportEndOfPartition ? "true" : "false"),
            .init(key: "socket.nagle.disable", value: "true"),
            .init(key: "reconnect.backoff.max.ms", value: "1000"),
        ]
        // librdkafka's consumer refuses `assign` without a group id. In assign mode the id is never
        // joined and nothing is committed under it, so a private one does no harm.
        let group = groupID ?? "bridgectl-assign-\(EventUUID.random())"
        list.insert(.init(key: "group.id", value: group), at: 2)
        return list + settings.properties
    }
}

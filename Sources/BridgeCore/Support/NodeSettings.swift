/// The seed's node switches: `ENABLE_INTROSPECTION`, `ENABLE_HEARTBEAT`, `HEARTBEAT_INTERVAL_SECONDS`.
public struct NodeSettings: Sendable, Hashable {
    public static let defaultHeartbeatInterval = 30.0

    public var enableIntrospection: Bool
    public var enableHeartbeat: Bool
    public var heartbeatIntervalSeconds: Double

    public init(enableIntrospection: Bool = true, enableHeartbeat: Bool = true, heartbeatIntervalSeconds: Double = 30) {
        self.enableIntrospection = enableIntrospection
        self.enableHeartbeat = enableHeartbeat
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
    }

    public static func resolve(
        heartbeatInterval flag: Double?, source: ConfigurationSource
    ) throws(BridgeError)
        -> NodeSettings
    {
        NodeSettings(
            enableIntrospection: try source.boolean("ENABLE_INTROSPECTION", default: true),
            enableHeartbeat: try source.boolean("ENABLE_HEARTBEAT", default: true),
            heartbeatIntervalSeconds: try source.seconds(
                flag, "HEARTBEAT_INTERVAL_SECONDS", default: defaultHeartbeatInterval))
    }
}

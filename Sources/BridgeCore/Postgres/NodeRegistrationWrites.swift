import BridgeEvents

/// A registration to upsert: the applied introspection and what Consul holds for it.
public struct IntrospectionWrite: Sendable, Hashable {
    public var event: AppliedEvent<NodeIntrospection>
    public var consulServiceID: String?
    public var consulState: ConsulState

    public init(event: AppliedEvent<NodeIntrospection>, consulServiceID: String?, consulState: ConsulState) {
        self.event = event
        self.consulServiceID = consulServiceID
        self.consulState = consulState
    }
}

/// A shutdown to record as a soft delete.
public struct ShutdownWrite: Sendable, Hashable {
    public var event: AppliedEvent<NodeShutdown>
    public var consulState: ConsulState

    public init(event: AppliedEvent<NodeShutdown>, consulState: ConsulState) {
        self.event = event
        self.consulState = consulState
    }
}

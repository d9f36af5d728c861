import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How `bridgectl dev consul` runs: where it listens, what its node is called, and the timings that
/// tests lower (Consul's `check_reap_interval` and `check_deregister_interval_min`).
public struct DevConsulConfiguration: Sendable {
    public static let defaultPort = 8500
    public static let defaultReapInterval = GoDuration.seconds(30)
    public static let defaultDeregisterMinimum = GoDuration.seconds(60)
    /// Consul's `ae_interval`: how often the agent's full sync runs.
    public static let defaultAntiEntropyInterval = GoDuration.seconds(60)
    /// The Consul version the agent reports (the API subset it follows is that line's).
    public static let emulatedVersion = "1.20.0"

    public var bindAddress: String
    public var port: Int
    public var nodeName: String
    public var nodeID: String
    public var datacenter: String
    /// How often critical services are checked for reaping.
    public var reapInterval: GoDuration
    /// `DeregisterCriticalServiceAfter` values below this are raised to it.
    public var deregisterMinimum: GoDuration
    /// How often the full anti-entropy sync removes catalog-only services on the agent's own node
    /// (written by `/v1/txn`), as Consul's does.
    public var antiEntropyInterval: GoDuration
    /// The management token's secret: when set, ACLs are on with default deny (contract §7); nil:
    /// ACLs off, as in `consul agent -dev`. A secret: never logged or printed.
    public var aclToken: String?

    public init(
        bindAddress: String = "127.0.0.1", port: Int = defaultPort, nodeName: String? = nil, nodeID: String? = nil,
        datacenter: String = "dc1", reapInterval: GoDuration = defaultReapInterval,
        deregisterMinimum: GoDuration = defaultDeregisterMinimum, aclToken: String? = nil,
        antiEntropyInterval: GoDuration = defaultAntiEntropyInterval
    ) {
        self.bindAddress = bindAddress
        self.port = port
        // Like `consul agent -dev`: the host name unless a node name is given; a random node ID.
        self.nodeName = nodeName ?? Self.hostName()
        self.nodeID = nodeID ?? UUID().uuidString.lowercased()
        self.datacenter = datacenter
        self.reapInterval = reapInterval
        self.deregisterMinimum = deregisterMinimum
        self.aclToken = aclToken
        self.antiEntropyInterval = antiEntropyInterval
    }

    /// gethostname(2) alone: Foundation's `hostName` may resolve the name through DNS.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// The server RPC address `status/leader` reports (a dev server's is its bind address, port 8300).
    var serverAddress: String { "\(bindAddress):8300" }
}

import Synchronization

/// Which mock brokers are up, shared by the admin endpoint (which changes it) and the bootstrap
/// forwarder (which relays only to a broker that is up).
final class BrokerAvailability: Sendable {
    let ports: [Int32: Int]
    private let down = Mutex<Set<Int32>>([])

    init(ports: [Int32: Int]) {
        self.ports = ports
    }

    var states: [DevBrokerState] {
        let down = self.down.withLock { $0 }
        return ports.keys.sorted().map { DevBrokerState(id: $0, port: ports[$0]!, up: !down.contains($0)) }
    }

    func set(_ id: Int32, up: Bool) {
        down.withLock { if up { $0.remove(id) } else { $0.insert(id) } }
    }

    /// The port of the lowest-numbered broker that is up, nil when all are down.
    func portOfABrokerThatIsUp() -> Int? {
        let down = self.down.withLock { $0 }
        return ports.keys.sorted().first { !down.contains($0) }.flatMap { ports[$0] }
    }
}

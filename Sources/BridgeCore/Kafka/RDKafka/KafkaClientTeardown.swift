import Dispatch

/// Kafka clients are destroyed in the background (destroying joins librdkafka's threads). A
/// process that exits while one is still being destroyed tears the C runtime down under those
/// threads (exit handlers free OpenSSL's and the allocator's state they use) and can die of a
/// signal instead of returning its status: the command's last step waits for them.
public enum KafkaClientTeardown {
    static let pending = DispatchGroup()

    /// Blocks until every released client is destroyed, or `timeout` passed; whether they all were.
    /// Blocking: call it on the main thread as the process ends, never on the cooperative pool.
    @discardableResult
    public static func waitForPendingDestroys(timeout: Duration = .seconds(3)) -> Bool {
        pending.wait(timeout: .now() + .milliseconds(Int(timeout.milliseconds))) == .success
    }
}

import Dispatch
import Synchronization

/// Holds the dev broker's mock cluster so that it is destroyed exactly when `release()` is called,
/// on a thread of its own (destroying it joins the cluster's thread, which must not happen on
/// Swift's cooperative pool). Everything else reaches the cluster through `current`.
final class MockClusterHolder: Sendable {
    private let cluster: Mutex<MockKafkaCluster?>

    init(_ cluster: MockKafkaCluster) {
        self.cluster = Mutex(cluster)
    }

    /// nil once released.
    var current: MockKafkaCluster? { cluster.withLock { $0 } }

    func release() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.cluster.withLock { $0 = nil }
                continuation.resume()
            }
        }
    }
}

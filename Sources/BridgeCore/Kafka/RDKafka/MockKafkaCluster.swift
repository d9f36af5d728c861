import CRdKafka
import Logging

/// librdkafka's mock Kafka cluster: N brokers listening on loopback ports the kernel chose, with
/// topics, partitions and consumer groups held in this process's memory.
///
/// Owns the `rd_kafka_mock_cluster_t` (destroyed in deinit, before the client it lives on).
/// `@unchecked Sendable`: the mock API hands every command to the cluster's own thread and waits for
/// it, so calls from any thread are safe; the stored values are immutable.
final class MockKafkaCluster: @unchecked Sendable {
    private let handle: RDKafkaHandle
    private let cluster: OpaquePointer
    /// Broker id (1…N) to the port it listens on.
    let brokerPorts: [Int32: Int]

    init(brokerCount: Int, logger: Logger) throws(BridgeError) {
        // The cluster needs a client to live on; a producer that never produces does.
        let configuration = RDKafkaConfiguration()
        try configuration.set("client.id", "bridgectl-dev-broker")
        // This client only hosts the cluster; its own notices (no bootstrap.servers…) are noise.
        try configuration.set("log_level", "4")
        // The mock brokers' accepted sockets take their options from this client: without this
        // their small responses wait ~40 ms on Nagle and the clients' delayed ACKs.
        try configuration.set("socket.nagle.disable", "true")
        let context = RDKafkaClientContext(logger: logger, brokers: "(mock)")
        handle = try RDKafkaHandle(consumer: false, configuration: configuration, context: context) { _ in }
        guard let cluster = rd_kafka_mock_cluster_new(handle.pointer, Int32(brokerCount)) else {
            throw .failure("librdkafka's mock cluster could not be started (see the log above).")
        }
        self.cluster = cluster
        // The bootstrap list names the brokers in id order (1…N), each as 127.0.0.1:port.
        let list = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        var ports: [Int32: Int] = [:]
        for (index, address) in list.split(separator: ",").enumerated() {
            if let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) {
                ports[Int32(index + 1)] = port
            }
        }
        brokerPorts = ports
    }

    func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws(BridgeError) {
        let error = rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(replicationFactor))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .failure(
                "Topic \(name) could not be created on the mock cluster: \(RDKafkaErrorText.describe(error)).")
        }
    }

    /// Takes a broker off the network (its listener stops, its connections close) or back on; its
    /// partitions keep their data either way.
    func setBroker(_ id: Int32, up: Bool) throws(BridgeError) {
        let error =
            up ? rd_kafka_mock_broker_set_up(cluster, id) : rd_kafka_mock_broker_set_down(cluster, id)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .failure("Broker \(id) could not be set \(up ? "up" : "down"): \(RDKafkaErrorText.describe(error)).")
        }
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }
}

import CRdKafka

/// Reads the cluster metadata (brokers, every topic and its partitions) through one client.
enum RDKafkaMetadataReader {
    static func read(_ handle: RDKafkaHandle, timeoutMilliseconds: Int32) throws(BridgeError) -> KafkaClusterMetadata {
        var pointer: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(handle.pointer, 1, nil, &pointer, timeoutMilliseconds)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = pointer else {
            let status: ExitStatus = RDKafkaErrorText.isUnreachable(error) ? .unavailable : .failure
            throw BridgeError(
                status,
                "Could not read metadata from Kafka at \(handle.context.brokers): \(RDKafkaErrorText.describe(error))"
                    + "\(handle.context.lastErrorSuffix); check that the broker is running and that --brokers or "
                    + "KAFKA_BOOTSTRAP_SERVERS points at it.")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        let fields = metadata.pointee
        let brokers = (0..<Int(fields.broker_cnt)).map { index in
            let broker = fields.brokers[index]
            return KafkaClusterMetadata.Broker(
                id: broker.id, host: String(cString: broker.host), port: Int(broker.port))
        }
        let topics = (0..<Int(fields.topic_cnt)).map { index in
            let topic = fields.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { partitionIndex in
                let partition = topic.partitions[partitionIndex]
                return KafkaClusterMetadata.Partition(
                    id: partition.id, leader: partition.leader,
                    replicas: (0..<Int(partition.replica_cnt)).map { partition.replicas[$0] },
                    error: partition.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : RDKafkaErrorText.describe(partition.err))
            }
            let name = String(cString: topic.topic)
            let topicError =
                topic.err == RD_KAFKA_RESP_ERR_NO_ERROR
                ? nil
                : KafkaClientError(code: topic.err.rawValue, message: RDKafkaErrorText.describe(topic.err))
            return KafkaClusterMetadata.Topic(
                name: name, partitions: partitions.sorted { $0.id < $1.id }, error: topicError)
        }
        return KafkaClusterMetadata(
            brokers: brokers.sorted { $0.id < $1.id }, topics: topics.sorted { $0.name < $1.name })
    }
}

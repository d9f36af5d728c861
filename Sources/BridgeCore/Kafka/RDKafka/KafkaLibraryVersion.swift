import CRdKafka

/// The librdkafka this binary runs with.
public enum KafkaLibraryVersion {
    public static var current: String { String(cString: rd_kafka_version_str()) }
}

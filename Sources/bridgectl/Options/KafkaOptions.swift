import ArgumentParser
import BridgeCore

/// `--brokers` and kcat-style `-X key=value` for every Kafka-using command.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).")
    var brokers: String?

    @Option(
        name: .customShort("X"), help: "A librdkafka property as key=value, repeatable, as kcat's -X (default: none).")
    var properties: [String] = []

    func settings(_ source: ConfigurationSource = .process()) throws(BridgeError) -> KafkaSettings {
        try KafkaSettings.resolve(brokers: brokers, properties: properties, source: source)
    }
}

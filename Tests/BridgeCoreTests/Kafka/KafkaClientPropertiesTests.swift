import BridgeCore
import Testing

@Suite("librdkafka properties of bridgectl's clients")
struct KafkaClientPropertiesTests {
    func value(_ key: String, in list: [KafkaProperty]) -> String? {
        list.last { $0.key == key }?.value
    }

    @Test func producerFollowsTheContractAndLetsXWin() {
        let settings = KafkaSettings(
            brokers: "k:1",
            properties: [KafkaProperty(key: "linger.ms", value: "50"), KafkaProperty(key: "acks", value: "1")])
        let list = KafkaProducerOptions(deliveryTimeoutMilliseconds: 2500).properties(for: settings)
        #expect(list.first == KafkaProperty(key: "bootstrap.servers", value: "k:1"))
        #expect(list.contains(KafkaProperty(key: "enable.idempotence", value: "true")))
        #expect(list.contains(KafkaProperty(key: "acks", value: "all")))
        #expect(value("message.timeout.ms", in: list) == "2500")
        #expect(value("queue.buffering.max.messages", in: list) == "100000")
        // -X comes last, so librdkafka applies it over ours.
        #expect(Array(list.suffix(2)) == settings.properties)
        #expect(value("linger.ms", in: list) == "50")
        #expect(value("acks", in: list) == "1")
        #expect(value("message.timeout.ms", in: KafkaProducerOptions().properties(for: settings)) == nil)
    }

    @Test func consumerCommitsOnlyWhenToldAndNeverResetsSilently() {
        let settings = KafkaSettings(
            brokers: "k:1", properties: [KafkaProperty(key: "session.timeout.ms", value: "6000")])
        let list = KafkaConsumerOptions(groupID: "g", reportEndOfPartition: true).properties(for: settings)
        #expect(value("group.id", in: list) == "g")
        #expect(value("enable.auto.commit", in: list) == "false")
        #expect(value("enable.auto.offset.store", in: list) == "false")
        #expect(value("auto.offset.reset", in: list) == "error")
        #expect(value("enable.partition.eof", in: list) == "true")
        #expect(Int(value("fetch.wait.max.ms", in: list) ?? "") ?? 500 <= 5)
        #expect(list.last == KafkaProperty(key: "session.timeout.ms", value: "6000"))
        // Assign mode still needs a group id for librdkafka, a private one.
        let assign = KafkaConsumerOptions().properties(for: settings)
        #expect(value("group.id", in: assign)?.hasPrefix("bridgectl-assign-") == true)
        #expect(
            value("group.id", in: assign) != value("group.id", in: KafkaConsumerOptions().properties(for: settings)))
    }
}

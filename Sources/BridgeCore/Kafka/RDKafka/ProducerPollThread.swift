import CRdKafka
import Foundation
import Synchronization

/// The thread that polls a producer, which is where librdkafka runs delivery-report callbacks. When
/// stopped it fails every message still waiting (so no `send` waits forever) and drops its
/// reference to the handle.
final class ProducerPollThread: Sendable {
    private let stopping = Atomic<Bool>(false)

    init(handle: RDKafkaHandle) {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                rd_kafka_poll(handle.pointer, 50)
            }
            let purge = Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            rd_kafka_purge(handle.pointer, purge)
            // Purged messages get their (failed) delivery reports on the next polls.
            for _ in 0..<20 where rd_kafka_outq_len(handle.pointer) > 0 {
                rd_kafka_poll(handle.pointer, 10)
            }
        }
        thread.name = "kafka-producer-poll"
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
    }
}

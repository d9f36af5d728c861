import BridgeEvents
import ServiceLifecycle

extension RegistryPipeline {
    /// Publishes one of the registry's own events without waiting (Kafka may be away: the producer
    /// buffers it); a failure is logged.
    func announce(_ build: (RegistrySelfAnnouncement) throws -> EventEnvelope) {
        let logger = self.logger
        do {
            let envelope = try build(announcement)
            let record = KafkaRecord(
                topic: configuration.topics.topic(for: envelope.eventType), key: envelope.payload.key,
                value: EventCodec.encode(envelope))
            try producer.enqueue(record) { result in
                if case .failure(let error) = result {
                    logger.warning(
                        "registry event not delivered",
                        metadata: ["event.type": "\(envelope.eventType.rawValue)", "error": "\(error.message)"])
                }
            }
        } catch {
            logger.warning("registry event not sent", metadata: ["error": "\(error)"])
        }
    }

    /// Produces dead letters and waits for the broker's acknowledgements (a message is committed only
    /// once its dead letter is durable); retried while Kafka is away. false when shutdown came first.
    func produceDeadLetters(_ letters: [DeadLetter]) async -> Bool {
        var backoff = RetryBackoff(baseSeconds: 0.1, capSeconds: 5)
        let producer = self.producer
        while true {
            let failures = await withTaskGroup(of: BridgeError?.self) { group in
                for letter in letters {
                    let record = KafkaRecord(
                        topic: letter.topic, key: letter.key, value: letter.value,
                        headers: letter.headers.map { KafkaHeader(name: $0.name, text: $0.value) })
                    group.addTask {
                        do throws(BridgeError) {
                            _ = try await producer.send(record, timeout: .seconds(10))
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                var failures: [BridgeError] = []
                for await failure in group { if let failure { failures.append(failure) } }
                return failures
            }
            if let failure = failures.first {
                markDown(.kafka, failure.message)
                if Task.isShuttingDownGracefully || Task.isCancelled { return false }
                await pause(backoff.nextDelay(using: &generator))
                continue
            }
            metrics.deadLetters.increment(by: Int64(letters.count))
            for letter in letters {
                logger.warning("event refused", metadata: ["dlq": "\(letter.topic)", "reason": "\(letter.reason)"])
            }
            return true
        }
    }

    func markUp(_ dependency: RegistryDependency) {
        let recovered = health.withLock { health in
            let was = health.dependencies[dependency]?.up
            health.mark(dependency, up: true)
            return was == false
        }
        metrics.storeUp[dependency]?.set(Int64(1))
        if recovered {
            logger.notice("\(dependency.rawValue) reachable again")
            // An agent that comes back may have lost everything: compare at once.
            if dependency == .consul { nextConsulSyncAt = 0 }
        }
    }

    func markDown(_ dependency: RegistryDependency, _ reason: String) {
        let changed = health.withLock { health in
            let was = health.dependencies[dependency]?.up
            health.mark(dependency, up: false, error: reason)
            return was != false
        }
        metrics.storeUp[dependency]?.set(Int64(0))
        if changed {
            logger.error("\(dependency.rawValue) unreachable", metadata: ["error": "\(reason)"])
        }
    }

    /// Sleeps up to `seconds`, waking early on shutdown.
    func pause(_ seconds: Double) async {
        var left = seconds
        while left > 0, !Task.isShuttingDownGracefully, !Task.isCancelled {
            let step = min(left, 0.1)
            try? await Task.sleep(for: .milliseconds(Int64(step * 1000)))
            left -= step
        }
    }
}

import BridgeEvents
import Synchronization

/// New registrations at a steady rate, each registered node heartbeating every `heartbeatInterval`
/// (a FIFO of due times: all nodes share the interval, so the queue stays ordered), optionally with
/// a burst of nodes announced at once at a given moment; the RSS and CPU of the registry sampled
/// every second. Shared by `sustained` and `burst`.
struct TrickleLoad {
    struct Phase {
        var rate: Double
        var seconds: Double
        /// Nodes announced at once when the phase starts.
        var burst: Int = 0
    }

    struct Outcome {
        var sent: [Double]
        var acked: [Double?]
        var heartbeatsSent: Int
        var phaseStarts: [Double]
        var phaseRanges: [Range<Int>]
        /// Index ranges of each phase's burst.
        var burstRanges: [Range<Int>]
        var consul: [String: Double]
        var postgres: [String: Double]
        var samples: [(at: Double, rssMB: Double, cpuSeconds: Double)]
        var endedAt: Double
        var consulAnswers: Int
        var postgresPolls: Int
    }

    static func run(
        session: BenchSession, events: BenchNodeEvents, phases: [Phase], heartbeatInterval: Double?,
        consulWatchInterval: Double, drainSeconds: Double, label: String
    ) async throws(BridgeError) -> Outcome {
        let poll = PostgresRegistrationPoll(connection: session.postgres, clock: session.clock, minimumInterval: 0.005)
        let watch = session.watchRunInConsul(
            serviceName: events.nodeType.rawValue, minimumInterval: consulWatchInterval)
        try await watch.start()
        defer { watch.stop() }
        poll.start()
        defer { poll.stop() }
        let clock = session.clock
        var sent: [Double] = []
        let acks = Mutex([Int: Double]())
        var heartbeats: [(index: Int, due: Double)] = []
        var heartbeatHead = 0
        var heartbeatsSent = 0
        var phaseStarts: [Double] = []
        var phaseRanges: [Range<Int>] = []
        var burstRanges: [Range<Int>] = []
        var samples: [(Double, Double, Double)] = []
        var nextSampleAt = clock.now
        var nextProgressAt = clock.now + 1

        func announce(_ now: Double) throws(BridgeError) {
            let index = sent.count
            let id = session.nodeID(index)
            poll.expect([id])
            sent.append(now)
            try session.enqueue(events.introspection(id)) { at in
                if let at { acks.withLock { $0[index] = at } }
            }
            session.noteCreated(1)
            if let heartbeatInterval { heartbeats.append((index, now + heartbeatInterval)) }
        }

        for phase in phases {
            let start = clock.now
            phaseStarts.append(start)
            let first = sent.count
            if phase.burst > 0 {
                let now = clock.now
                for _ in 0..<phase.burst { try announce(now) }
                burstRanges.append(first..<sent.count)
            }
            let trickleFirst = sent.count
            while clock.now - start < phase.seconds {
                let now = clock.now
                let due = Int(phase.rate * (now - start))
                while sent.count - trickleFirst < due { try announce(now) }
                if let heartbeatInterval {
                    while heartbeatHead < heartbeats.count, heartbeats[heartbeatHead].due <= now {
                        let beat = heartbeats[heartbeatHead]
                        heartbeatHead += 1
                        try session.producer.enqueue(events.heartbeat(session.nodeID(beat.index))) { _ in }
                        heartbeatsSent += 1
                        heartbeats.append((beat.index, beat.due + heartbeatInterval))
                    }
                    // Keep the queue from growing without bound: drop what was consumed.
                    if heartbeatHead > 100_000 {
                        heartbeats.removeFirst(heartbeatHead)
                        heartbeatHead = 0
                    }
                }
                if now >= nextSampleAt {
                    nextSampleAt += 1
                    if let sample = session.registrySample() {
                        samples.append((now, sample.residentMegabytes, sample.cpuSeconds))
                    }
                }
                if now >= nextProgressAt {
                    nextProgressAt += 1
                    session.progress(
                        "\(label): \(Int(now - phaseStarts[0])) s: \(sent.count) announced, \(poll.seenCount) in PostgreSQL, \(watch.seenCount) passing in Consul, \(heartbeatsSent) heartbeats"
                            + (samples.last.map { ", registry RSS \(Int($0.1)) MB" } ?? ""))
                }
                try? await Task.sleep(for: .milliseconds(2))
            }
            phaseRanges.append(first..<sent.count)
        }
        let endedAt = clock.now
        let ids = (0..<sent.count).map(session.nodeID)
        while clock.now - endedAt < drainSeconds, poll.unseenCount > 0 || watch.countSeen(ids) < ids.count {
            try? await Task.sleep(for: .milliseconds(20))
        }
        _ = await session.producer.flush(timeout: .seconds(10))
        if let sample = session.registrySample() {
            samples.append((clock.now, sample.residentMegabytes, sample.cpuSeconds))
        }
        let ackMap = acks.withLock { $0 }
        return Outcome(
            sent: sent, acked: (0..<sent.count).map { ackMap[$0] }, heartbeatsSent: heartbeatsSent,
            phaseStarts: phaseStarts, phaseRanges: phaseRanges, burstRanges: burstRanges, consul: watch.snapshot,
            postgres: poll.snapshot, samples: samples.map { (at: $0.0, rssMB: $0.1, cpuSeconds: $0.2) },
            endedAt: endedAt, consulAnswers: watch.responses, postgresPolls: poll.polls)
    }
}

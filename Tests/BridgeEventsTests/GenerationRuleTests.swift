import BridgeEvents
import Testing

@Suite("Newest wins (the generation rule)")
struct GenerationRuleTests {
    let t0 = EventTimestamp(microsecondsSinceEpoch: 1_000_000)
    let t1 = EventTimestamp(microsecondsSinceEpoch: 2_000_000)
    let t2 = EventTimestamp(microsecondsSinceEpoch: 3_000_000)

    func judge(_ kind: GenerationRule.Kind, epoch: Int64?, _ at: EventTimestamp, _ stored: NodeGeneration?) -> Bool {
        GenerationRule.judge(kind: kind, epoch: epoch, timestamp: at, stored: stored).isApplied
    }

    @Test func anythingAppliesToAnUnknownNode() {
        #expect(judge(.introspection, epoch: nil, t0, nil))
        #expect(judge(.heartbeat, epoch: 3, t0, nil))
        #expect(judge(.shutdown, epoch: nil, t0, nil))
    }

    @Test func lowerEpochIsStaleWhateverItsTimestamp() {
        let stored = NodeGeneration(epoch: 2, lastLifecycleAt: t0)
        #expect(!judge(.introspection, epoch: 1, t2, stored))
        #expect(!judge(.heartbeat, epoch: 1, t2, stored))
        #expect(!judge(.shutdown, epoch: 1, t2, stored))
    }

    @Test func higherEpochAppliesEvenWithAnOlderTimestamp() {
        let stored = NodeGeneration(epoch: 1, lastLifecycleAt: t2, lastHeartbeatAt: t2, shutDown: true)
        #expect(judge(.introspection, epoch: 2, t0, stored))
        #expect(judge(.heartbeat, epoch: 2, t0, stored))
    }

    @Test func olderIntrospectionOfTheSameEpochIsStale() {
        let stored = NodeGeneration(epoch: 1, lastLifecycleAt: t1)
        #expect(!judge(.introspection, epoch: 1, t0, stored))
        #expect(!judge(.introspection, epoch: nil, t0, stored))
        #expect(judge(.introspection, epoch: 1, t1, stored))
        #expect(judge(.introspection, epoch: 1, t2, stored))
        #expect(!judge(.shutdown, epoch: 1, t0, stored))
    }

    @Test func heartbeatsCompareWithHeartbeatsOnly() {
        let stored = NodeGeneration(epoch: 1, lastLifecycleAt: t2, lastHeartbeatAt: t1)
        #expect(judge(.heartbeat, epoch: 1, t1, stored))
        #expect(!judge(.heartbeat, epoch: 1, t0, stored))
    }

    @Test func heartbeatNeverResurrectsANodeThatShutDownInTheSameEpoch() {
        let stored = NodeGeneration(epoch: 1, lastLifecycleAt: t1, shutDown: true)
        #expect(!judge(.heartbeat, epoch: 1, t2, stored))
        #expect(!judge(.heartbeat, epoch: nil, t2, stored))
        // A newer introspection brings it back; a newer epoch does too.
        #expect(judge(.introspection, epoch: 1, t2, stored))
        #expect(judge(.heartbeat, epoch: 2, t2, stored))
    }

    @Test func advanceTracksTheNewestAndResetsOnANewEpoch() {
        var g = GenerationRule.advance(nil, kind: .introspection, epoch: 1, timestamp: t1)
        #expect(g == NodeGeneration(epoch: 1, lastLifecycleAt: t1))
        g = GenerationRule.advance(g, kind: .heartbeat, epoch: 1, timestamp: t2)
        #expect(g.lastHeartbeatAt == t2)
        g = GenerationRule.advance(g, kind: .shutdown, epoch: 1, timestamp: t2)
        #expect(g.shutDown)
        g = GenerationRule.advance(g, kind: .introspection, epoch: 2, timestamp: t0)
        #expect(g == NodeGeneration(epoch: 2, lastLifecycleAt: t0))
    }

    /// Whatever order a node's events arrive in, applying only what the rule accepts ends at the
    /// state of the newest event (checked over every permutation of a small history).
    @Test func arrivalOrderDoesNotChangeTheOutcome() {
        let history: [(GenerationRule.Kind, Int64?, EventTimestamp)] = [
            (.introspection, 1, t0), (.heartbeat, 1, t1), (.introspection, 1, t2), (.heartbeat, 2, t0),
        ]
        func permutations<T>(_ items: [T]) -> [[T]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { i -> [[T]] in
                var rest = items
                let head = rest.remove(at: i)
                return permutations(rest).map { [head] + $0 }
            }
        }
        var outcomes = Set<NodeGeneration>()
        for order in permutations(history) {
            var stored: NodeGeneration?
            for (kind, epoch, at) in order
            where GenerationRule.judge(kind: kind, epoch: epoch, timestamp: at, stored: stored).isApplied {
                stored = GenerationRule.advance(stored, kind: kind, epoch: epoch, timestamp: at)
            }
            outcomes.insert(stored!)
        }
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.epoch == 2)
    }
}

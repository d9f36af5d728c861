import BridgeEvents

/// An encoded event with holes: built once through `ContractEventBuilder` (so it passes the
/// contract), then filled per event by splicing bytes. A load generator producing thousands of
/// events a second cannot afford the JSON writer per event (it would compete with the registry for
/// the same cores); filling a template costs a few copies.
public struct EventTemplate: Sendable {
    /// What a hole receives.
    public enum Slot: Int, Sendable, CaseIterable {
        case nodeID, eventID, timestamp
    }

    private enum Piece: Sendable {
        case literal([UInt8])
        case slot(Slot)
    }

    private let pieces: [Piece]
    private let literalLength: Int

    /// `markers` maps each text the sample event carries (its node id, event id, timestamps) to the
    /// slot that replaces it. Every occurrence is replaced; markers must not overlap.
    public init(sample: [UInt8], markers: [(text: String, slot: Slot)]) {
        var hits: [(start: Int, length: Int, slot: Slot)] = []
        for marker in markers {
            let needle = Array(marker.text.utf8)
            guard !needle.isEmpty, needle.count <= sample.count else { continue }
            var index = 0
            while index <= sample.count - needle.count {
                if sample[index] == needle[0], Array(sample[index..<index + needle.count]) == needle {
                    hits.append((index, needle.count, marker.slot))
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        hits.sort { $0.start < $1.start }
        var pieces: [Piece] = []
        var cursor = 0
        var literalLength = 0
        for hit in hits where hit.start >= cursor {
            if hit.start > cursor {
                pieces.append(.literal(Array(sample[cursor..<hit.start])))
                literalLength += hit.start - cursor
            }
            pieces.append(.slot(hit.slot))
            cursor = hit.start + hit.length
        }
        if cursor < sample.count {
            pieces.append(.literal(Array(sample[cursor...])))
            literalLength += sample.count - cursor
        }
        self.pieces = pieces
        self.literalLength = literalLength
    }

    /// The event's bytes with every hole filled. The values must need no JSON escaping (node ids,
    /// UUIDs and timestamps as bridgectl writes them do not).
    public func render(nodeID: String, eventID: EventUUID, timestamp: EventTimestamp) -> [UInt8] {
        let values = [nodeID, eventID.description, timestamp.formatted]
        var out: [UInt8] = []
        out.reserveCapacity(literalLength + 160)
        for piece in pieces {
            switch piece {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .slot(let slot): out.append(contentsOf: values[slot.rawValue].utf8)
            }
        }
        return out
    }
}

/// Decodes the "consumer" protocol's member assignment (Kafka's ConsumerProtocolAssignment):
/// int16 version, then an array of (string topic, array of int32 partitions), then user data.
/// All integers big-endian, arrays prefixed by an int32 count, strings by an int16 length.
public enum ConsumerProtocolAssignment {
    public static func decode(_ bytes: [UInt8]) -> [TopicPartition]? {
        var reader = BigEndianReader(bytes: bytes[...])
        guard bytes.count >= 2, reader.int16() != nil, let topicCount = reader.int32(), topicCount >= 0 else {
            return bytes.isEmpty ? [] : nil
        }
        var result: [TopicPartition] = []
        for _ in 0..<topicCount {
            guard let length = reader.int16(), length >= 0, let name = reader.bytes(Int(length)),
                let partitionCount = reader.int32(), partitionCount >= 0
            else { return nil }
            let topic = String(decoding: name, as: UTF8.self)
            for _ in 0..<partitionCount {
                guard let partition = reader.int32() else { return nil }
                result.append(TopicPartition(topic: topic, partition: partition))
            }
        }
        return result.sorted()
    }
}

private struct BigEndianReader {
    var bytes: ArraySlice<UInt8>

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard bytes.count >= count else { return nil }
        defer { bytes = bytes.dropFirst(count) }
        return bytes.prefix(count)
    }

    mutating func int16() -> Int16? {
        bytes(2).map { Int16(bitPattern: UInt16($0[$0.startIndex]) << 8 | UInt16($0[$0.startIndex + 1])) }
    }

    mutating func int32() -> Int32? {
        bytes(4).map { slice in Int32(bitPattern: slice.reduce(0) { $0 << 8 | UInt32($1) }) }
    }
}

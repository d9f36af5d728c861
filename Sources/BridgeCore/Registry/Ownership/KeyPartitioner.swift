/// The partition a keyed message lands in under librdkafka's default partitioner
/// (`consistent_random`: CRC-32 of the key modulo the partition count). Every node bridgectl runs
/// publishes through librdkafka keyed by its node id, so this predicts where a node's events go — used
/// only for nodes the registry has not heard since it started (for the others it knows the partition).
public enum KeyPartitioner {
    public static func partition(forKey key: String, partitionCount: Int32) -> Int32 {
        guard partitionCount > 0 else { return 0 }
        return Int32(crc32(Array(key.utf8)) % UInt32(partitionCount))
    }

    /// CRC-32 (IEEE 802.3, reflected, as zlib and librdkafka's rd_crc32 compute it).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}

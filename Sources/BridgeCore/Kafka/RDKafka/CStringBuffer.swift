extension String {
    /// The text in a NUL-terminated buffer that librdkafka filled (error messages, fatal reasons).
    init(nulTerminated buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

/// `payload.resource_usage` of NODE_HEARTBEAT: a closed object of three optional measurements.
public struct ResourceUsage: Sendable, Hashable {
    public var cpuPercent: Double?
    public var memoryMB: Double?
    public var memoryPercent: Double?

    public init(cpuPercent: Double? = nil, memoryMB: Double? = nil, memoryPercent: Double? = nil) {
        self.cpuPercent = cpuPercent
        self.memoryMB = memoryMB
        self.memoryPercent = memoryPercent
    }

    init(reading reader: FieldReader) throws(ContractViolation) {
        try reader.rejectUnknownKeys(allowed: ["cpu_percent", "memory_mb", "memory_percent"])
        let accepted = "expected a number of at least 0"
        cpuPercent = try reader.number("cpu_percent", minimum: 0, accepted: accepted)
        memoryMB = try reader.number("memory_mb", minimum: 0, accepted: accepted)
        memoryPercent = try reader.number("memory_percent", minimum: 0, accepted: accepted)
    }

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let cpuPercent { object["cpu_percent"] = .double(cpuPercent) }
        if let memoryMB { object["memory_mb"] = .double(memoryMB) }
        if let memoryPercent { object["memory_percent"] = .double(memoryPercent) }
        return .object(object)
    }
}

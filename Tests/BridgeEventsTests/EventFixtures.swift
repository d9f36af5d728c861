import BridgeEvents
import Foundation

/// Valid events to mutate in the table-driven tests, and the fixture files written the way the Python
/// deployment writes events.
enum EventFixtures {
    static let eventID = "5b0f8f0e-3c1e-4d8c-9a57-0f6c2f3b9a11"

    static func envelope(_ type: String, payload: JSONValue, source: String = "orchestrator-test-1") -> JSONValue {
        [
            "envelope_version": "1.0",
            "event_id": .string(eventID),
            "event_type": .string(type),
            "event_version": "1.0",
            "event_timestamp": "2026-11-24T23:26:42.123456+00:00",
            "source_node_id": .string(source),
            "source_service": "omninode-bridge",
            "source_version": "1.0.0",
            "source_instance": nil,
            "correlation_id": "c6a3d1de-8a7e-4f59-b2d2-1b9f3f4e0c55",
            "causation_id": nil,
            "environment": "dev",
            "region": nil,
            "partition_key": .string(source),
            "payload": payload,
            "metadata": [:],
        ]
    }

    static let introspection = envelope(
        "NODE_INTROSPECTION",
        payload: [
            "node_id": "orchestrator-test-1",
            "node_type": "orchestrator",
            "node_role": "gateway",
            "node_version": "1.2.3",
            "capabilities": ["supported_operations": ["route"]],
            "endpoints": ["health": "http://127.0.0.1:8060/health", "api": "http://127.0.0.1:8060"],
            "metadata": ["broadcast_reason": "startup", "heartbeat_interval_seconds": 30],
            "timestamp": "2026-11-24T23:26:42.100000+00:00",
            "epoch": 1,
        ])

    static let heartbeat = envelope(
        "NODE_HEARTBEAT",
        payload: [
            "node_id": "orchestrator-test-1",
            "node_type": "orchestrator",
            "health_status": "healthy",
            "uptime_seconds": 30,
            "last_activity_timestamp": "2026-11-24T23:26:41+00:00",
            "active_operations": 2,
            "resource_usage": ["cpu_percent": 1.5, "memory_mb": 40, "memory_percent": 0.5],
            "metadata": ["version": "1.0.0"],
        ])

    static let request = envelope(
        "REGISTRY_REQUEST_INTROSPECTION",
        payload: [
            "registry_id": "registry-1",
            "reason": "startup",
            "target_node_types": ["orchestrator", "reducer"],
            "response_timeout_ms": 5000,
        ],
        source: "registry-1")

    static let shutdown = envelope(
        "NODE_SHUTDOWN",
        payload: ["node_id": "orchestrator-test-1", "node_type": "orchestrator", "reason": "shutdown", "epoch": 2])

    static func file(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(try Data(contentsOf: url))
    }
}

extension JSONValue {
    /// A copy with the value at `path` replaced (nil removes the key).
    func setting(_ path: [String], to newValue: JSONValue?) -> JSONValue {
        guard case .object(var object) = self, let key = path.first else { return newValue ?? .null }
        if path.count == 1 {
            object[key] = newValue
        } else {
            object[key] = (object[key] ?? .object([:])).setting(Array(path.dropFirst()), to: newValue)
        }
        return .object(object)
    }
}

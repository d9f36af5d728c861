/// The statements of the registry's hot path, built for a number of rows: one statement (one round
/// trip) per batch, every value a `$n` parameter, the generation guard in SQL so a replayed or older
/// event can never overwrite a newer one whatever the caller does.
enum NodeRegistrationSQL {
    static let upsertColumnsPerRow = 14

    static func upsert(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let p = (1...upsertColumnsPerRow).map { "$\(row * upsertColumnsPerRow + $0)" }
            return "(\(p[0])::text, \(p[1])::text, \(p[2])::text, \(p[3])::text, \(p[4])::jsonb, \(p[5])::jsonb, "
                + "\(p[6])::jsonb, \(p[7])::text, 'healthy', \(p[8])::timestamptz, \(p[9])::bigint, "
                + "\(p[8])::timestamptz, \(p[10])::uuid, \(p[11])::text, \(p[12])::text, \(p[13])::text)"
        }
        return """
            INSERT INTO node_registrations AS r (node_id, node_type, node_role, node_version, capabilities, endpoints,
                metadata, health_endpoint, health_status, last_heartbeat, epoch, last_event_at, last_event_id,
                consul_service_id, consul_state, environment)
            VALUES \(values.joined(separator: ",\n"))
            ON CONFLICT (node_id) DO UPDATE SET
                node_type = EXCLUDED.node_type, node_role = EXCLUDED.node_role, node_version = EXCLUDED.node_version,
                capabilities = EXCLUDED.capabilities, endpoints = EXCLUDED.endpoints, metadata = EXCLUDED.metadata,
                health_endpoint = EXCLUDED.health_endpoint,
                health_status = CASE WHEN r.deregistered_at IS NOT NULL OR r.health_status IN ('stale', 'unknown')
                                     THEN 'healthy' ELSE r.health_status END,
                last_heartbeat = GREATEST(r.last_heartbeat, EXCLUDED.last_heartbeat),
                epoch = COALESCE(EXCLUDED.epoch, r.epoch),
                last_event_at = EXCLUDED.last_event_at, last_event_id = EXCLUDED.last_event_id,
                consul_service_id = EXCLUDED.consul_service_id, consul_state = EXCLUDED.consul_state,
                updated_at = now(), deregistered_at = NULL
            WHERE r.environment = EXCLUDED.environment
              AND (EXCLUDED.epoch > r.epoch
                   OR ((EXCLUDED.epoch IS NULL OR r.epoch IS NULL OR EXCLUDED.epoch = r.epoch)
                       AND (r.last_event_at IS NULL OR EXCLUDED.last_event_at >= r.last_event_at)))
              AND (r.last_event_id IS DISTINCT FROM EXCLUDED.last_event_id OR r.deregistered_at IS NOT NULL
                   OR r.consul_state IS DISTINCT FROM EXCLUDED.consul_state)
            RETURNING node_id
            """
    }

    static let heartbeatColumnsPerRow = 7

    static func heartbeats(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let p = (1...heartbeatColumnsPerRow).map { "$\(row * heartbeatColumnsPerRow + $0)" }
            return "(\(p[0])::text, \(p[1])::timestamptz, \(p[2])::bigint, \(p[3])::bigint, \(p[4])::text, "
                + "\(p[5])::bigint, \(p[6])::text)"
        }
        return """
            UPDATE node_registrations AS r
            SET last_heartbeat = v.ts, uptime_seconds = v.uptime, active_operations = v.ops, health_status = v.status,
                updated_at = now()
            FROM (VALUES \(values.joined(separator: ", "))) AS v(node_id, ts, uptime, ops, status, epoch, environment)
            WHERE r.node_id = v.node_id AND r.environment = v.environment AND r.deregistered_at IS NULL
              AND (v.epoch IS NULL OR r.epoch IS NULL OR v.epoch >= r.epoch)
              AND (r.last_heartbeat IS NULL OR v.ts > r.last_heartbeat)
            RETURNING r.node_id
            """
    }

    static let shutdownColumnsPerRow = 6

    static func shutdowns(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let p = (1...shutdownColumnsPerRow).map { "$\(row * shutdownColumnsPerRow + $0)" }
            return "(\(p[0])::text, \(p[1])::timestamptz, \(p[2])::uuid, \(p[3])::bigint, \(p[4])::text, \(p[5])::text)"
        }
        return """
            UPDATE node_registrations AS r
            SET deregistered_at = v.ts, health_status = 'deregistered', consul_state = v.consul_state,
                last_event_at = v.ts, last_event_id = v.event_id, epoch = COALESCE(v.epoch, r.epoch), updated_at = now()
            FROM (VALUES \(values.joined(separator: ", "))) AS v(node_id, ts, event_id, epoch, consul_state, environment)
            WHERE r.node_id = v.node_id AND r.environment = v.environment
              AND (v.epoch > r.epoch
                   OR ((v.epoch IS NULL OR r.epoch IS NULL OR v.epoch = r.epoch)
                       AND (r.last_event_at IS NULL OR v.ts >= r.last_event_at)))
              AND r.last_event_id IS DISTINCT FROM v.event_id
            RETURNING r.node_id
            """
    }

    static let selectColumns = """
        node_id, node_type, node_role, node_version, health_status, health_endpoint,
        to_char(last_heartbeat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS last_heartbeat,
        (extract(epoch FROM last_heartbeat) * 1000000)::bigint AS last_heartbeat_us,
        uptime_seconds, active_operations, epoch,
        to_char(last_event_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS last_event_at,
        (extract(epoch FROM last_event_at) * 1000000)::bigint AS last_event_us,
        last_event_id, consul_service_id, consul_state, environment,
        to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS registered_at,
        to_char(deregistered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS deregistered_at,
        capabilities::text AS capabilities, endpoints::text AS endpoints, metadata::text AS metadata
        """
}

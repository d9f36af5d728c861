/// The registry's schema (contracts/postgres.md) as migrations, oldest first.
public enum RegistrySchema {
    public static let migrations: [SchemaMigration] = [
        SchemaMigration(
            version: 1, name: "node_registrations",
            sql: """
                CREATE TABLE IF NOT EXISTS node_registrations (
                    node_id text PRIMARY KEY,
                    node_type text NOT NULL,
                    node_role text,
                    node_version text NOT NULL DEFAULT '1.0.0',
                    capabilities jsonb NOT NULL DEFAULT '{}',
                    endpoints jsonb NOT NULL DEFAULT '{}',
                    metadata jsonb NOT NULL DEFAULT '{}',
                    health_endpoint text,
                    health_status text NOT NULL DEFAULT 'unknown'
                        CHECK (health_status IN ('healthy', 'degraded', 'unhealthy', 'critical', 'recovering',
                                                 'stale', 'deregistered', 'unknown')),
                    last_heartbeat timestamptz,
                    uptime_seconds bigint,
                    active_operations bigint,
                    epoch bigint,
                    last_event_at timestamptz,
                    last_event_id uuid,
                    consul_service_id text,
                    consul_state text
                        CHECK (consul_state IN ('registered', 'pending_register', 'pending_deregister', 'deregistered')),
                    environment text NOT NULL,
                    registered_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    deregistered_at timestamptz
                );
                CREATE INDEX IF NOT EXISTS node_registrations_node_type_idx ON node_registrations (node_type);
                CREATE INDEX IF NOT EXISTS node_registrations_health_status_idx ON node_registrations (health_status);
                CREATE INDEX IF NOT EXISTS node_registrations_last_heartbeat_idx ON node_registrations (last_heartbeat);
                """),
        SchemaMigration(
            version: 2, name: "tool_registrations view",
            sql: """
                CREATE OR REPLACE VIEW tool_registrations AS
                SELECT node_id AS tool_id, registered_at AS created_at, node_id, node_type, node_role, node_version,
                       capabilities, endpoints, metadata, health_endpoint, health_status, last_heartbeat,
                       uptime_seconds, active_operations, epoch, last_event_at, last_event_id, consul_service_id,
                       consul_state, environment, registered_at, updated_at, deregistered_at
                FROM node_registrations;
                """),
    ]
}

import BridgeEvents

/// PostgreSQL's side of the registry: start-up (schema, known nodes) and the backlog that holds rows
/// and offsets while PostgreSQL is away (DESIGN.md §4.1, §4.4).
extension RegistryPipeline {
    /// Connects, applies the schema and loads the known nodes; retries with backoff until it can (the
    /// registry serves `/health` meanwhile). nil when shut down first.
    func openStore() async -> NodeRegistrationStore? {
        var backoff = RetryBackoff(baseSeconds: 0.2, capSeconds: 5)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do throws(BridgeError) {
                let connection = try await PostgresConnection.connect(
                    configuration.postgres, logger: logger, connectTimeoutSeconds: 3, reconnectFor: .seconds(1))
                _ = try await SchemaMigrator().migrate(connection)
                let store = NodeRegistrationStore(connection: connection)
                let records = try await store.list(NodeRegistrationFilter(includeDeregistered: true))
                let now = self.now
                let pending: Set<String> = [
                    ConsulState.pendingRegister.rawValue, ConsulState.pendingDeregister.rawValue,
                ]
                // Rows of other environments are kept too, so that a reused node id is refused (§4.10).
                for record in records {
                    states[record.nodeID] = RegistryNodeState(record: record, options: configuration.options, now: now)
                    if record.environment == configuration.options.environment, let state = record.consulState,
                        pending.contains(state)
                    {
                        pendingConsul.insert(record.nodeID)
                    }
                }
                markUp(.postgres)
                updateNodeGauges()
                logger.info("known nodes loaded from postgresql", metadata: ["nodes": "\(records.count)"])
                return store
            } catch {
                markDown(.postgres, error.message)
                await pause(backoff.nextDelay(using: &generator))
            }
        }
        return nil
    }

    /// Writes the backlog and commits its offsets. While PostgreSQL is down, attempts are spaced by
    /// backoff (and the rest of the registry goes on); `force` tries once regardless (at shutdown).
    func flushBacklog(force: Bool = false) async {
        guard let store, !backlog.isEmpty || backlog.hasOffsets else { return }
        let down = health.withLock { $0.dependencies[.postgres]?.up == false }
        if down, !force, now < nextPostgresAttemptAt { return }
        let work = backlog
        do throws(BridgeError) {
            if !work.isEmpty { try await store.apply(work) }
        } catch {
            if !down {
                logger.error(
                    "cannot write to postgresql; holding rows and commits, Consul is still served",
                    metadata: ["error": "\(error.message)", "nodes.held": "\(work.nodeCount)"])
                health.withLock { $0.commitsHeldSince = $0.commitsHeldSince ?? .now() }
            }
            markDown(.postgres, error.message)
            nextPostgresAttemptAt = now + postgresBackoff.nextDelay(using: &generator)
            return
        }
        // Nothing was added meanwhile: one task runs the pipeline.
        let done = backlog.take()
        postgresBackoff.reset()
        if down {
            logger.notice("postgresql is back; held rows written", metadata: ["nodes": "\(done.nodeCount)"])
        }
        markUp(.postgres)
        health.withLock { $0.commitsHeldSince = nil }
        await commit(done.offsets)
    }
}

import BridgeEvents
import Logging

/// What `inspect diff` shows: for each node of an environment, the newest lifecycle event on Kafka,
/// the Consul service (ours: carrying the ownership tag) and the PostgreSQL row, compared; and, when
/// a registry is named, the known nodes that did not answer its last introspection request.
public struct RegistrationInspection: Sendable {
    public var rows: [RegistrationDiff.Row]
    /// nil when no registry was asked (or its request's window is still open).
    public var notAnswering: [String]?
    public var registryURL: String?

    public var partialCount: Int { rows.filter { $0.verdict == .partial }.count }

    public static func gather(
        postgres: PostgresSettings, consul: ConsulSettings, kafka: KafkaSettings, topics: TopicNames,
        environment: String, registryURL: String?, logger: Logger
    ) async throws(BridgeError) -> RegistrationInspection {
        let connection = try await PostgresConnection.connect(postgres, logger: logger)
        let records = try await NodeRegistrationStore(connection: connection).list(
            NodeRegistrationFilter(environment: environment))
        let client = ConsulClient(settings: consul, requestTimeout: .seconds(10), logger: logger)
        defer { client.shutdown() }
        let services: [String: ConsulAgentService]
        let checks: [String: ConsulHealthCheck]
        do throws(ConsulError) {
            services = try await client.agentServices()
            checks = try await client.agentChecks()
        } catch {
            throw error.bridgeError
        }
        let newest = try await NewestEventReader(settings: kafka).newest(topic: topics.introspection)

        let postgresSides = records.map {
            RegistrationDiff.PostgresSide(
                nodeID: $0.nodeID, deregistered: $0.isDeregistered, consulState: $0.consulState,
                healthStatus: $0.healthStatus, lastEventID: $0.lastEventID, lastEventAt: $0.lastEventAt)
        }
        var worst: [String: ConsulCheckStatus] = [:]
        for check in checks.values where !check.serviceID.isEmpty {
            if let current = worst[check.serviceID], current.severity >= check.status.severity { continue }
            worst[check.serviceID] = check.status
        }
        let consulSides = services.values.filter {
            $0.tags.contains(RegistryOptions.ownershipTag) && $0.meta["environment"] == environment
        }.map {
            RegistrationDiff.ConsulSide(serviceID: $0.id, serviceName: $0.name, checkStatus: worst[$0.id]?.description)
        }
        let eventSides = newest.values.filter { $0.environment == environment }.compactMap { envelope in
            envelope.payload.nodeID.map {
                RegistrationDiff.EventSide(
                    nodeID: $0, eventID: envelope.eventID.description, eventType: envelope.eventType.rawValue,
                    timestamp: envelope.eventTimestamp.formatted)
            }
        }
        let rows = RegistrationDiff.compare(postgres: postgresSides, consul: consulSides, events: eventSides)
        var notAnswering: [String]?
        if let registryURL { notAnswering = try await Self.notAnswering(registryURL) }
        return RegistrationInspection(rows: rows, notAnswering: notAnswering, registryURL: registryURL)
    }

    /// The registry's `/health` → `startup_request.not_answering`.
    static func notAnswering(_ registryURL: String) async throws(BridgeError) -> [String]? {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let url = registryURL.hasSuffix("/") ? registryURL + "health" : registryURL + "/health"
        let response: HTTPClientResponse
        do throws(HTTPClientError) {
            response = try await http.send(HTTPClientRequest(method: "GET", url: url, timeout: .seconds(5)))
        } catch {
            throw .unavailable("cannot reach the registry at \(registryURL): \(error); check --registry.")
        }
        guard let body = try? JSONParser.parse(response.body), let health = body.objectValue,
            let startup = health["startup_request"]?.objectValue
        else {
            throw .failure("The registry at \(registryURL) answered /health with something that is not its JSON.")
        }
        guard case .array(let names)? = startup["not_answering"] else { return nil }
        return names.compactMap(\.stringValue)
    }
}

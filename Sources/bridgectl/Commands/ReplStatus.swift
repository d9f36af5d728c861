import BridgeCore
import Logging

/// The REPL's `status`: for each dependency, whether it answers, how fast, and its version (Kafka:
/// its metadata — the protocol reports no broker version, so brokers and topics are shown; Consul:
/// /v1/agent/self; PostgreSQL: SHOW server_version). Exit 69 when any is unreachable.
enum ReplStatus {
    static func run() async -> Int32 {
        let source = ConfigurationSource.process()
        let logger = Logger(label: "bridgectl.repl")
        var unreachable = false
        var lines: [String] = []

        func line(_ name: String, _ address: String, _ result: Result<String, BridgeError>, _ elapsed: Duration) {
            switch result {
            case .success(let version):
                lines.append(
                    TableText.pad(name, 9) + " " + TableText.pad(address, 26) + " reachable   "
                        + TableText.right(milliseconds(elapsed), 9) + "  " + version)
            case .failure(let error):
                unreachable = true
                lines.append(
                    TableText.pad(name, 9) + " " + TableText.pad(address, 26) + " UNREACHABLE " + error.message)
            }
        }

        let clock = ContinuousClock()
        // Kafka
        do throws(BridgeError) {
            let settings = try KafkaSettings.resolve(brokers: nil, properties: [], source: source)
            var result: Result<String, BridgeError>
            let start = clock.now
            do throws(BridgeError) {
                let consumer = try KafkaConsumer(
                    settings: settings, options: KafkaConsumerOptions(clientID: "bridgectl-status"), logger: logger)
                let metadata = try await consumer.metadata(timeout: .seconds(3))
                await consumer.close()
                result = .success(
                    "\(metadata.brokers.count) broker(s), \(metadata.topics.count) topic(s); client librdkafka \(KafkaLibraryVersion.current)"
                )
            } catch {
                result = .failure(error)
            }
            line("kafka", settings.brokers, result, start.duration(to: clock.now))
        } catch {
            line("kafka", "?", .failure(error), .zero)
        }
        // Consul
        do throws(BridgeError) {
            let settings = try ConsulSettings.resolve(address: nil, token: nil, source: source)
            let client = ConsulClient(settings: settings, requestTimeout: .seconds(3), logger: logger)
            let start = clock.now
            let result: Result<String, BridgeError>
            do throws(ConsulError) {
                let info = try await client.agentSelf()
                result = .success("Consul \(info.version), datacenter \(info.datacenter), node \(info.nodeName)")
            } catch {
                result = .failure(error.bridgeError)
            }
            let elapsed = start.duration(to: clock.now)
            client.shutdown()
            line("consul", settings.baseURL, result, elapsed)
        } catch {
            line("consul", "?", .failure(error), .zero)
        }
        // PostgreSQL
        let postgres = PostgresSettings.resolve(url: nil, source: source)
        let start = clock.now
        let result: Result<String, BridgeError>
        do throws(BridgeError) {
            let connection = try await PostgresConnection.connect(postgres, logger: logger, connectTimeoutSeconds: 3)
            result = .success("PostgreSQL " + (try await connection.serverVersion()))
        } catch {
            result = .failure(error)
        }
        line(
            "postgres", ReplSettings.postgresShortName(postgres.connectionString), result, start.duration(to: clock.now)
        )

        for text in lines { StandardStreams.output(text) }
        return unreachable ? ExitStatus.unavailable.rawValue : 0
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return value < 10 ? String(format: "%.1f ms", value) : String(format: "%.0f ms", value)
    }
}

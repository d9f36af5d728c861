import ArgumentParser
import BridgeCore
import BridgeEvents
import Logging

struct InspectConsulCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consul", abstract: "Registered services with their check status.",
        discussion: """
            Reads Consul's catalog and health endpoints (so it sees every node's services, not only \
            the local agent's) and prints one row per service instance: its ID (the node id for \
            services the registry registered), name, address, aggregated status (the worst of its \
            checks) and how many of its own checks pass. Consul's own 'consul' service is left out \
            unless asked for with --service consul. Exit 69 when Consul cannot be reached.

            Examples:
              bridgectl inspect consul
              bridgectl inspect consul --status critical --output json
            """)

    @OptionGroup var consul: ConsulOptions

    @Option(name: .long, help: "Only instances of this service name (default: every service).")
    var service: String?

    @Option(
        name: .customLong("node-id"),
        help: "Only the instance with this service ID, the node id (default: every instance).")
    var nodeID: String?

    @Option(
        name: .long,
        help: "Only instances whose aggregated status is this: passing, warning or critical (default: any).")
    var status: InspectedStatus?

    @Option(name: .long, help: "Output format: table or json.")
    var output: OutputFormat = .table

    @OptionGroup var logging: LoggingOptions

    enum InspectedStatus: String, ExpressibleByArgument, CaseIterable {
        case passing, warning, critical
    }

    func validate() throws {
        guard output == .table || output == .json else {
            throw ValidationError("--output \(output.rawValue) is not supported here; accepted: table, json.")
        }
    }

    func run() async throws {
        logging.bootstrap()
        try await CommandFailure.reporting {
            let client = ConsulClient(settings: try consul.settings(), requestTimeout: .seconds(10))
            defer { client.shutdown() }
            let entries: [ConsulServiceEntry]
            do throws(ConsulError) {
                entries = try await inspect(client)
            } catch {
                throw error.bridgeError
            }
            switch output {
            case .json: StandardStreams.output(JSONWriter.string(.array(entries.map(Self.json))))
            default: for line in Self.table(entries) { StandardStreams.output(line) }
            }
        }
    }

    private func inspect(_ client: ConsulClient) async throws(ConsulError) -> [ConsulServiceEntry] {
        let names: [String]
        if let service {
            names = [service]
        } else {
            names = try await client.catalogServices().value.keys.filter { $0 != "consul" }.sorted()
        }
        // One health read per name, at most eight in flight (the client's pool size).
        var entries: [ConsulServiceEntry] = []
        var failure: ConsulError?
        await withTaskGroup(of: Result<[ConsulServiceEntry], ConsulError>.self) { group in
            var pending = names[...]
            func startNext() {
                guard let name = pending.popFirst() else { return }
                group.addTask {
                    do throws(ConsulError) {
                        return .success(try await client.healthService(name: name).value)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for _ in 0..<8 { startNext() }
            for await result in group {
                switch result {
                case .success(let found): entries += found
                case .failure(let error): failure = failure ?? error
                }
                startNext()
            }
        }
        if let failure { throw failure }
        return
            entries
            .filter { nodeID == nil || $0.service.id == nodeID }
            .filter { status == nil || $0.aggregatedStatus.description == status?.rawValue }
            .sorted { ($0.service.name, $0.service.id) < ($1.service.name, $1.service.id) }
    }

    private static func json(_ entry: ConsulServiceEntry) -> JSONValue {
        [
            "id": .string(entry.service.id),
            "service": .string(entry.service.name),
            "address": .string(entry.effectiveAddress),
            "port": .int(Int64(entry.service.port)),
            "tags": .array(entry.service.tags.map { .string($0) }),
            "meta": .object(entry.service.meta.mapValues { .string($0) }),
            "node": .string(entry.nodeName),
            "status": .string(entry.aggregatedStatus.description),
            "checks": .array(
                entry.checks.map {
                    [
                        "id": .string($0.checkID), "name": .string($0.name), "status": .string($0.status.description),
                        "type": .string($0.type), "output": .string($0.output),
                    ]
                }),
        ]
    }

    /// Columns that fit 80: ID 24, SERVICE 16, ADDRESS 21, STATUS 8, CHECKS (passing/total).
    static func table(_ entries: [ConsulServiceEntry]) -> [String] {
        let widths = [24, 16, 21, 8]
        func row(_ cells: [String], _ last: String) -> String {
            zip(cells, widths).map { cell, width in fit(cell, width) }.joined(separator: " ") + " " + last
        }
        var lines = [row(["ID", "SERVICE", "ADDRESS", "STATUS"], "CHECKS")]
        for entry in entries {
            let own = entry.serviceChecks
            let passing = own.filter { $0.status == .passing }.count
            let address =
                entry.service.port == 0 ? entry.effectiveAddress : "\(entry.effectiveAddress):\(entry.service.port)"
            lines.append(
                row(
                    [entry.service.id, entry.service.name, address, entry.aggregatedStatus.description],
                    "\(passing)/\(own.count)"))
        }
        return lines
    }

    /// Pads to `width`, or cuts to `width` ending in "…".
    private static func fit(_ text: String, _ width: Int) -> String {
        if text.count <= width { return text + String(repeating: " ", count: width - text.count) }
        return String(text.prefix(width - 1)) + "…"
    }
}

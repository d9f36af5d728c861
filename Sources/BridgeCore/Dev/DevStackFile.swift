import BridgeEvents
import Foundation

/// What a detached `dev up` leaves in its state directory (`stack.json`) so that `dev down`, `bench`,
/// `repl` and the other commands given `--state-dir` reach the same stack. The PostgreSQL URL may carry a
/// password when the operator gave one, so the file is written with mode 0600.
public struct DevStackFile: Sendable, Equatable {
    /// One process `dev up` started and `dev down` stops.
    public struct StartedProcess: Sendable, Equatable {
        public var name: String
        public var pid: Int32

        public init(name: String, pid: Int32) {
            self.name = name
            self.pid = pid
        }
    }

    public static let fileName = "stack.json"

    public var bootstrapServers: String
    public var consulURL: String
    public var postgresURL: String
    public var registryURL: String
    public var environment: String
    /// The throwaway cluster's data directory when `dev up` created one, so `dev down` can stop it.
    public var postgresDataDirectory: String?
    public var processes: [StartedProcess]

    public init(
        bootstrapServers: String, consulURL: String, postgresURL: String, registryURL: String,
        environment: String, postgresDataDirectory: String? = nil, processes: [StartedProcess] = []
    ) {
        self.bootstrapServers = bootstrapServers
        self.consulURL = consulURL
        self.postgresURL = postgresURL
        self.registryURL = registryURL
        self.environment = environment
        self.postgresDataDirectory = postgresDataDirectory
        self.processes = processes
    }

    public static func path(stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent(fileName)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "bootstrap_servers": .string(bootstrapServers),
            "consul_url": .string(consulURL),
            "postgres_url": .string(postgresURL),
            "registry_url": .string(registryURL),
            "environment": .string(environment),
            "processes": .array(processes.map { ["name": .string($0.name), "pid": .int(Int64($0.pid))] }),
        ]
        if let postgresDataDirectory { object["postgres_data_directory"] = .string(postgresDataDirectory) }
        return .object(object)
    }

    /// Reads `stack.json` from a state directory; a missing or unreadable file is a usage error naming
    /// the directory, since the operator most likely gave the wrong `--state-dir` or nothing is up.
    public static func load(stateDirectory: String) throws(BridgeError) -> DevStackFile {
        let path = path(stateDirectory: stateDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage(
                "no running stack in '\(stateDirectory)' (\(fileName) not found); start one with 'bridgectl dev up --detach --state-dir \(stateDirectory)'"
            )
        }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(data)) } catch {
            throw .invalidData(
                "\(path) is not valid JSON (\(error)); remove it or run 'bridgectl dev down --state-dir \(stateDirectory)'"
            )
        }
        guard let object = value.objectValue,
            let bootstrapServers = object["bootstrap_servers"]?.stringValue,
            let consulURL = object["consul_url"]?.stringValue,
            let postgresURL = object["postgres_url"]?.stringValue,
            let registryURL = object["registry_url"]?.stringValue,
            let environment = object["environment"]?.stringValue
        else {
            throw .invalidData(
                "\(path) lacks one of bootstrap_servers, consul_url, postgres_url, registry_url, environment")
        }
        let processes: [StartedProcess] =
            (object["processes"].flatMap { value -> [JSONValue]? in
                if case .array(let items) = value { return items }
                return nil
            } ?? []).compactMap { item in
                guard let fields = item.objectValue, let name = fields["name"]?.stringValue,
                    let pid = fields["pid"]?.integerValue, let pid32 = Int32(exactly: pid)
                else { return nil }
                return StartedProcess(name: name, pid: pid32)
            }
        return DevStackFile(
            bootstrapServers: bootstrapServers, consulURL: consulURL, postgresURL: postgresURL,
            registryURL: registryURL, environment: environment,
            postgresDataDirectory: object["postgres_data_directory"]?.stringValue, processes: processes)
    }

    /// Writes the file atomically (temporary file + rename) with mode 0600.
    public func write(stateDirectory: String) throws(BridgeError) {
        let path = Self.path(stateDirectory: stateDirectory)
        let temporary = path + ".tmp"
        let bytes = Data(JSONWriter.string(json).utf8)
        guard FileManager.default.createFile(atPath: temporary, contents: bytes, attributes: [.posixPermissions: 0o600])
        else { throw .failure("cannot write \(temporary); check that '\(stateDirectory)' exists and is writable") }
        if rename(temporary, path) != 0 {
            throw .failure("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }
}

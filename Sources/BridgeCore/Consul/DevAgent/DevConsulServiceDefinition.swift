import BridgeEvents

/// A service registration as `PUT /v1/agent/service/register` accepts it (Consul's
/// `ServiceDefinition`), decoded and validated with Consul's rules and messages.
struct DevConsulServiceDefinition: Sendable, Equatable {
    var id: String
    var name: String
    var tags: [String]
    var address: String
    var taggedAddresses: [String: DevConsulServiceAddress]
    var meta: [String: String]
    var port: Int
    var socketPath: String
    var weights: DevConsulWeights?
    var enableTagOverride: Bool
    /// `Check` (when not empty) followed by `Checks`.
    var checks: [DevConsulCheckDefinition]

    static let jsonFields = [
        "Kind", "ID", "Name", "Tags", "Address", "TaggedAddresses", "Meta", "Port", "SocketPath", "Check", "Checks",
        "Weights", "Token", "EnableTagOverride", "Locality", "Proxy", "Connect", "enable_tag_override",
        "tagged_addresses",
    ]

    /// Decodes a request body; throws `Request decode failed: …` (400) with Go's message.
    static func decode(_ body: [UInt8]) throws(DevConsulError) -> DevConsulServiceDefinition {
        do {
            let reader = try GoStructReader(
                try GoJSONDecoding.parse(body), structName: "ServiceDefinition", fields: jsonFields)
            return try DevConsulServiceDefinition(reader)
        } catch {
            throw .badRequest("Request decode failed: \(error.message)")
        }
    }

    private init(_ reader: GoStructReader) throws(GoDecodeFailure) {
        name = try reader.string("Name")
        id = try reader.string("ID")
        tags = try reader.strings("Tags") ?? []
        address = try reader.string("Address")
        meta = try reader.stringMap("Meta") ?? [:]
        port = try reader.int("Port")
        socketPath = try reader.string("SocketPath")
        let tagOverride = try reader.bool("EnableTagOverride")
        let tagOverrideSnake = try reader.bool("enable_tag_override")
        enableTagOverride = tagOverride || tagOverrideSnake
        _ = try reader.string("Token")
        let kind = try reader.string("Kind")
        guard kind.isEmpty else {
            throw GoDecodeFailure(
                message: "service kind \(GoText.quote(kind)) is not supported by bridgectl dev consul")
        }
        for mesh in ["Proxy", "Connect"] {
            if let value = reader.raw(mesh), value != .object([:]) {
                throw GoDecodeFailure(message: "\(mesh) (service mesh) is not supported by bridgectl dev consul")
            }
        }
        taggedAddresses = [:]
        let taggedField = reader.has("TaggedAddresses") ? "TaggedAddresses" : "tagged_addresses"
        if case .object(let object)? = reader.raw(taggedField) {
            for (key, value) in object where value != .null {
                let entry = try GoStructReader(
                    value, structName: "ServiceAddress", path: "ServiceDefinition.\(taggedField).",
                    fields: ["Address", "Port"])
                taggedAddresses[key] = DevConsulServiceAddress(
                    address: try entry.string("Address"), port: try entry.int("Port"))
            }
        } else if let value = reader.raw(taggedField) {
            throw GoDecodeFailure(
                message:
                    "json: cannot unmarshal \(GoJSONDecoding.describe(value)) into Go struct field ServiceDefinition.\(taggedField) of type map[string]structs.ServiceAddress"
            )
        }
        if let weights = try reader.object("Weights", structName: "structs.Weights", fields: ["Passing", "Warning"]) {
            self.weights = DevConsulWeights(passing: try weights.int("Passing"), warning: try weights.int("Warning"))
        }
        var checks: [DevConsulCheckDefinition] = []
        if let check = try reader.object(
            "Check", structName: "structs.CheckType", fields: DevConsulCheckDefinition.jsonFields)
        {
            let definition = try DevConsulCheckDefinition(check)
            if !definition.isEmpty { checks.append(definition) }
        }
        if let list = reader.raw("Checks") {
            guard case .array(let items) = list else {
                throw GoDecodeFailure(
                    message:
                        "json: cannot unmarshal \(GoJSONDecoding.describe(list)) into Go struct field ServiceDefinition.Checks of type structs.CheckTypes"
                )
            }
            for item in items where item != .null {
                let check = try GoStructReader(
                    item, structName: "CheckType", path: "ServiceDefinition.Checks.",
                    fields: DevConsulCheckDefinition.jsonFields)
                checks.append(try DevConsulCheckDefinition(check))
            }
        }
        self.checks = checks
    }

    /// The checks Consul's handler makes after decoding, in its order; the first failure wins.
    func validate() throws(DevConsulError) {
        if name.isEmpty { throw .badRequest("Missing service name") }
        if address == "0.0.0.0" || address == "::" || address == "[::]" {
            throw .badRequest("Invalid service address")
        }
        if let weights {
            if weights.passing < 1 { throw .badRequest("Invalid Weights: Passing must be greater than 0") }
            if weights.warning < 0 { throw .badRequest("Invalid Weights: Warning must be greater or equal than 0") }
            if weights.passing > 65535 || weights.warning > 65535 {
                throw .badRequest("Invalid Weights: DNS Weight must be between 0 and 65535")
            }
        }
        if let problem = DevConsulMetaRules.problem(meta) { throw .badRequest("Invalid Service Meta: \(problem)") }
        for check in checks {
            if let problem = check.validationError() { throw .badRequest("Invalid check: \(problem)") }
        }
        for check in checks where !check.status.isEmpty && !DevConsulCheckStatus.isValid(check.status) {
            throw .badRequest("Status for checks must 'passing', 'warning', 'critical'")
        }
    }
}

/// A service's address under a tag (`lan_ipv4`, `wan`, …).
struct DevConsulServiceAddress: Sendable, Equatable {
    var address: String
    var port: Int
}

/// DNS weights of a service.
struct DevConsulWeights: Sendable, Equatable {
    var passing: Int
    var warning: Int

    static let `default` = DevConsulWeights(passing: 1, warning: 1)
}

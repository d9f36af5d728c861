import BridgeEvents
import Foundation
import Yams

/// A NODE_INTROSPECTION payload written down in a file, JSON or YAML, with the contract's field
/// names (`node_id`, `node_type`, `endpoints`, `capabilities`, `metadata`, `epoch`, …).
public enum IntrospectionManifest {
    public static func load(path: String) throws(BridgeError) -> [String: JSONValue] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .usage(
                "Manifest '\(path)' could not be read (\(error.localizedDescription)); accepted: a readable JSON or YAML file."
            )
        }
        return try parse(text, name: path)
    }

    public static func parse(_ text: String, name: String) throws(BridgeError) -> [String: JSONValue] {
        let value: JSONValue
        if text.drop(while: \.isWhitespace).first == "{" {
            do {
                value = try JSONParser.parse(text)
            } catch {
                throw .invalidData("Manifest '\(name)' is not valid JSON (\(error.description)).")
            }
        } else {
            do {
                guard let node = try Yams.compose(yaml: text) else {
                    throw BridgeError.invalidData("Manifest '\(name)' is empty; expected a mapping of payload fields.")
                }
                value = try json(from: node, name: name)
            } catch let error as BridgeError {
                throw error
            } catch {
                throw .invalidData("Manifest '\(name)' is not valid YAML (\(error)).")
            }
        }
        guard case .object(let object) = value else {
            throw .invalidData(
                "Manifest '\(name)' holds \(value.typeName), not a mapping; expected payload fields such as node_id and node_type."
            )
        }
        return object
    }

    /// YAML to JSON by resolved tag, so a quoted "true" stays a string.
    static func json(from node: Node, name: String) throws(BridgeError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try json(from: item, name: name)) }
            return .array(items)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .invalidData("Manifest '\(name)' has a key that is not a string; expected string keys.")
                }
                object[keyScalar.string] = try json(from: value, name: name)
            }
            return .object(object)
        case .alias:
            throw .invalidData("Manifest '\(name)' uses a YAML alias; write the value out instead.")
        }
    }
}

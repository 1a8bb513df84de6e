// A JSON Schema (2020-12) validator for the subset programme.schema.json uses, so CI needs no
// Python package: type, const, enum, required, properties, additionalProperties, items,
// minItems, minLength, minimum, maximum, pattern, anyOf and local $ref (#/$defs/...).

import Foundation

/// A JSON value read with JSONDecoder, so booleans and numbers stay apart.
public indirect enum JSONValue: Decodable, Equatable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    public subscript(key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }
}

/// Validates a JSON value against a JSON Schema (the subset above).
public struct SchemaValidator: Sendable {
    public let root: JSONValue

    public init(root: JSONValue) {
        self.root = root
    }

    /// Every violation as "path: message"; empty when the instance is valid.
    public func validate(_ instance: JSONValue) -> [String] {
        var errors: [String] = []
        check(instance, against: root, path: "$", errors: &errors)
        return errors
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func typeName(_ v: JSONValue) -> [String] {
        switch v {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let n): n == n.rounded() ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    private func check(_ v: JSONValue, against schema: JSONValue, path: String, errors: inout [String]) {
        guard case .object(let s) = schema else {
            if schema == .bool(false) { errors.append("\(path): not allowed") }
            return
        }
        if case .string(let ref)? = s["$ref"] {
            guard let target = resolve(ref) else { errors.append("\(path): unresolved \(ref)"); return }
            check(v, against: target, path: path, errors: &errors)
        }
        if let type = s["type"] {
            let allowed: [String]
            switch type {
            case .string(let t): allowed = [t]
            case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
            default: allowed = []
            }
            if !typeName(v).contains(where: allowed.contains) { errors.append("\(path): \(typeName(v)[0]) is not \(allowed)") }
        }
        if let c = s["const"], c != v { errors.append("\(path): not the constant") }
        if case .array(let options)? = s["enum"], !options.contains(v) { errors.append("\(path): not in enum") }
        if case .array(let options)? = s["anyOf"] {
            let ok = options.contains { option in
                var sub: [String] = []
                check(v, against: option, path: path, errors: &sub)
                return sub.isEmpty
            }
            if !ok { errors.append("\(path): matches none of anyOf") }
        }
        if case .string(let text) = v {
            if case .number(let n)? = s["minLength"], Double(text.count) < n { errors.append("\(path): too short") }
            if case .string(let pattern)? = s["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): \"\(text)\" does not match \(pattern)")
            }
        }
        if case .number(let n) = v {
            if case .number(let min)? = s["minimum"], n < min { errors.append("\(path): below minimum") }
            if case .number(let max)? = s["maximum"], n > max { errors.append("\(path): above maximum") }
        }
        if case .array(let items) = v {
            if case .number(let n)? = s["minItems"], Double(items.count) < n { errors.append("\(path): too few items") }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(i)]", errors: &errors) }
            }
        }
        if case .object(let fields) = v {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where fields[key] == nil { errors.append("\(path): missing \(key)") }
            }
            let properties: [String: JSONValue]
            if case .object(let p)? = s["properties"] { properties = p } else { properties = [:] }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                if let p = properties[key] {
                    check(value, against: p, path: "\(path).\(key)", errors: &errors)
                } else if let extra = s["additionalProperties"] {
                    check(value, against: extra, path: "\(path).\(key)", errors: &errors)
                }
            }
        }
    }
}

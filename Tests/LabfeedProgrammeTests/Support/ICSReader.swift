// A small RFC 5545 reader for round-trip tests: unfolds lines, splits name, parameters and
// value, unescapes TEXT, and groups properties by component.

import Foundation

struct ICSProperty: Equatable {
    var name: String
    var parameters: [String: String]
    var value: String
}

struct ICSComponent {
    var name: String
    var properties: [ICSProperty] = []
    var children: [ICSComponent] = []

    func first(_ name: String) -> ICSProperty? { properties.first { $0.name == name } }
}

enum ICSReaderError: Error { case malformed(line: Int, text: String) }

enum ICSReader {
    /// The physical lines (CRLF-separated) unfolded into content lines.
    static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.components(separatedBy: "\r\n") where !raw.isEmpty {
            if raw.hasPrefix(" ") || raw.hasPrefix("\t"), !lines.isEmpty {
                lines[lines.count - 1] += raw.dropFirst()
            } else {
                lines.append(raw)
            }
        }
        return lines
    }

    static func parse(_ text: String) throws -> ICSComponent {
        var stack: [ICSComponent] = [ICSComponent(name: "ROOT")]
        for (n, line) in unfold(text).enumerated() {
            guard let colon = colonIndex(line) else { throw ICSReaderError.malformed(line: n + 1, text: line) }
            let head = line[..<colon].split(separator: ";").map(String.init)
            let value = String(line[line.index(after: colon)...])
            let name = head[0].uppercased()
            var params: [String: String] = [:]
            for p in head.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                params[kv[0].uppercased()] = kv.count > 1 ? kv[1].trimmingCharacters(in: ["\""]) : ""
            }
            if name == "BEGIN" {
                stack.append(ICSComponent(name: value.uppercased()))
            } else if name == "END" {
                guard stack.count > 1, stack.last?.name == value.uppercased() else { throw ICSReaderError.malformed(line: n + 1, text: line) }
                let done = stack.removeLast()
                stack[stack.count - 1].children.append(done)
            } else {
                stack[stack.count - 1].properties.append(ICSProperty(name: name, parameters: params, value: value))
            }
        }
        guard stack.count == 1, let calendar = stack[0].children.first else { throw ICSReaderError.malformed(line: 0, text: "unbalanced") }
        return calendar
    }

    /// The first colon outside a quoted parameter value.
    static func colonIndex(_ line: String) -> String.Index? {
        var quoted = false
        for i in line.indices {
            if line[i] == "\"" { quoted.toggle() }
            if line[i] == ":" && !quoted { return i }
        }
        return nil
    }

    static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

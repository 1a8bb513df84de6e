// Loads a fixture page and its expectations, runs HTMLPage on it, and compares field by field.
// An expectations file (NAME.expected.json) lists only the fields it checks; `null` must be null.

import Foundation
import LabfeedCore
import LabfeedMarkup
import LabfeedParse
import Testing

struct PageFixture {
    let name: String
    let expected: [String: Any]
    let extraction: PageExtraction

    init(_ name: String, context: PageContext = PageContext()) throws {
        self.name = name
        let directory = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/html")
        let page = try Data(contentsOf: directory.appendingPathComponent("\(name).html"))
        let expectationsURL = directory.appendingPathComponent("\(name).expected.json")
        expected = try JSONSerialization.jsonObject(with: Data(contentsOf: expectationsURL)) as? [String: Any] ?? [:]
        let document = try MarkupDocument.html(Array(page), url: expected["url"] as? String)
        extraction = HTMLPage.extract(document, context: context)
    }

    /// The events as `labfeed fetch --json` writes them.
    var actualEvents: [[String: Any]] {
        get throws {
            let data = try LabfeedJSON.encoder().encode(extraction.events)
            return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        }
    }

    /// Every difference between the expectations and the extraction, as readable lines.
    func differences() throws -> [String] {
        var out: [String] = []
        if let events = expected["events"] as? [[String: Any]] {
            let actual = try actualEvents
            if actual.count != events.count {
                out.append("\(events.count) events expected, \(actual.count) found: \(actual.map { $0["title"] ?? "?" })")
            }
            for (i, (e, a)) in zip(events, actual).enumerated() {
                out += Self.compare(e, a, path: "events[\(i)]")
            }
        }
        if let feed = expected["feed"] as? [String: Any] {
            let data = try LabfeedJSON.encoder().encode(extraction.feed)
            let actual = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            out += Self.compare(feed, actual, path: "feed")
        }
        if let feeds = expected["feeds"] as? [[String: Any]] {
            let data = try LabfeedJSON.encoder().encode(extraction.feeds)
            let actual = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            if actual.count != feeds.count { out.append("\(feeds.count) feeds expected, \(actual.count) found: \(actual.map { $0["url"] ?? "?" })") }
            for (i, (e, a)) in zip(feeds, actual).enumerated() { out += Self.compare(e, a, path: "feeds[\(i)]") }
        }
        for needle in expected["warnings_contain"] as? [String] ?? [] where !extraction.warnings.contains(where: { $0.contains(needle) }) {
            out.append("no warning contains “\(needle)”; warnings: \(extraction.warnings)")
        }
        if let count = expected["warnings_count"] as? Int, count != extraction.warnings.count {
            out.append("\(count) warnings expected, \(extraction.warnings.count) found: \(extraction.warnings)")
        }
        return out
    }

    static func compare(_ expected: Any, _ actual: Any?, path: String) -> [String] {
        switch expected {
        case let e as [String: Any]:
            guard let a = actual as? [String: Any] else { return ["\(path): expected an object, found \(describe(actual))"] }
            return e.keys.sorted().flatMap { compare(e[$0]!, a[$0], path: "\(path).\($0)") }
        case let e as [Any]:
            guard let a = actual as? [Any] else { return ["\(path): expected a list, found \(describe(actual))"] }
            if e.count != a.count { return ["\(path): expected \(e.count) items, found \(a.count): \(describe(a))"] }
            return zip(e, a).enumerated().flatMap { compare($1.0, $1.1, path: "\(path)[\($0)]") }
        case is NSNull:
            return actual == nil || actual is NSNull ? [] : ["\(path): expected null, found \(describe(actual))"]
        default:
            return describe(expected) == describe(actual) ? [] : ["\(path): expected \(describe(expected)), found \(describe(actual))"]
        }
    }

    static func describe(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let n = value as? NSNumber {
            // JSONSerialization reads true as a number: say it as JSON would.
            if String(cString: n.objCType) == "c" || "\(type(of: n))".contains("Bool") { return n.boolValue ? "true" : "false" }
            return n.stringValue
        }
        if let s = value as? String { return s.debugDescription }
        return "\(value)"
    }
}

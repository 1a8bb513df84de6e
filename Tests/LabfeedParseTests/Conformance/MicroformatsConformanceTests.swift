// The microformats test suite's h-event (mf2) and hCalendar (classic) cases
// (Fixtures/conformance/microformats, CC0, see the README there), each page run through
// DocumentParser.parse and compared with the suite's expected mf2 JSON: name → title,
// start/end → start/end, url → url, location (text or h-card/h-adr) → location.
// A property with several values (the suite's `ampm`, `time` pages list nine `dt-start`s) is
// checked value by value: variant k keeps only the k-th element with that class.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

/// One page of the suite, whole or reduced to its k-th start value.
struct MicroformatsCase: Sendable, CustomTestStringConvertible {
    /// `h-event` (mf2) or `hcalendar` (classic).
    var dir: String
    var name: String
    /// The index of the start value kept, or nil for the page as it is.
    var variant: Int?

    var id: String { "\(dir)/\(name)" + (variant.map { "#start\($0)" } ?? "") }
    var testDescription: String { id }

    var startClass: String { dir == "h-event" ? "dt-start" : "dtstart" }

    static func all() throws -> [MicroformatsCase] {
        var cases: [MicroformatsCase] = []
        for dir in ["h-event", "hcalendar"] {
            let folder = try ConformanceFixtures.root.appendingPathComponent("microformats/\(dir)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
            for name in names {
                let whole = MicroformatsCase(dir: dir, name: name, variant: nil)
                cases.append(whole)
                let starts = try whole.expected()["start"] as? [Any] ?? []
                if starts.count > 1 {
                    cases += starts.indices.map { MicroformatsCase(dir: dir, name: name, variant: $0) }
                }
            }
        }
        return cases
    }

    /// `items[0].properties` of the suite's JSON.
    func expected() throws -> [String: Any] {
        let data = Data(try ConformanceFixtures.bytes("microformats/\(dir)/\(name).json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let items = json?["items"] as? [[String: Any]]
        return items?.first?["properties"] as? [String: Any] ?? [:]
    }

    /// The page, keeping only the k-th start element for a variant.
    func page() throws -> [UInt8] {
        var html = String(decoding: try ConformanceFixtures.bytes("microformats/\(dir)/\(name).html"), as: UTF8.self)
        if let variant {
            let marker = "class=\"\(startClass)\""
            var parts = html.components(separatedBy: marker)
            html = parts.removeFirst()
            for (i, part) in parts.enumerated() { html += (i == variant ? marker : "class=\"\"") + part }
        }
        return Array(html.utf8)
    }

    /// labfeed's events found by microformats on the page.
    func events() throws -> [Event] {
        let context = ParseContext(now: FeedFixture.now, url: "http://example.com/", forcedFormat: .html)
        return DocumentParser.parse(try page(), context: context).events.filter { $0.foundBy == .hEvent || $0.foundBy == .hCalendar }
    }

    /// The mismatches between labfeed's event and the suite's expectation.
    func differences() throws -> [String] {
        let props = try expected()
        let events = try events()
        guard events.count == 1, let event = events.first else { return ["expected one event, got \(events.count)"] }
        var out: [String] = []
        if let name = (props["name"] as? [String])?.first, event.title != ReferenceText.collapse(name) {
            out.append("name: expected “\(name)”, got “\(event.title)”")
        }
        if let starts = props["start"] as? [String], let text = starts[safe: variant ?? 0] {
            if let why = MicroformatsTime.mismatch(text, event.start) { out.append("start: \(why)") }
        }
        guard variant == nil else { return out }
        if let text = (props["end"] as? [String])?.first {
            if let end = event.end {
                if let why = MicroformatsTime.mismatch(text, end) { out.append("end: \(why)") }
            } else {
                out.append("end: expected \(text), got none")
            }
        }
        if let url = (props["url"] as? [String])?.first, event.url != url {
            out.append("url: expected \(url), got \(event.url ?? "nil")")
        }
        if let location = (props["location"] as? [Any])?.first {
            out += locationDifferences(location, event.location)
        }
        return out
    }

    private func locationDifferences(_ expected: Any, _ actual: Location?) -> [String] {
        guard let actual else { return ["location: expected \(expected), got none"] }
        if let text = expected as? String {
            return actual.name == text || actual.locality == text ? [] : ["location: expected “\(text)”, got \(actual)"]
        }
        guard let card = expected as? [String: Any], var props = card["properties"] as? [String: Any] else { return [] }
        if let adr = (props["adr"] as? [[String: Any]])?.first?["properties"] as? [String: Any] {
            props.merge(adr) { own, _ in own }
        }
        var out: [String] = []
        let pairs: [(String, String?)] = [
            ("name", actual.name), ("street-address", actual.address), ("locality", actual.locality), ("region", actual.region),
        ]
        for (key, value) in pairs {
            if let wanted = (props[key] as? [String])?.first, value != wanted {
                out.append("location \(key): expected “\(wanted)”, got \(value.map { "“\($0)”" } ?? "nil")")
            }
        }
        return out
    }
}

/// The suite's date-time strings (`2009-06-26 19:00:00-0800`, `2009-06-26T19`, `2013-034`)
/// compared with labfeed's event times: a date with a bare day, a time with an offset by its
/// instant, a time without one by its wall clock (read in the page's zone).
enum MicroformatsTime {
    static func mismatch(_ text: String, _ actual: EventTime) -> String? {
        guard let expected = parse(text) else { return "cannot read the suite's value “\(text)”" }
        switch (expected, actual) {
        case (.day(let d), .day(let a)):
            return d == a ? nil : "expected \(d.iso), got \(a.iso)"
        case (.floating(let d, let h, let m, let s), .time(let t)):
            return (t.date, t.hour, t.minute, t.second) == (d, h, m, s) ? nil : "expected \(text) on the local clock, got \(t.iso)"
        case (.instant(let i), .time(let t)):
            return t.instant == i ? nil : "expected \(text) (\(UTCTimestamp.string(i))), got \(t.iso)"
        default:
            return "expected \(text), got \(actual.iso)"
        }
    }

    enum Expected { case day(CivilDate), floating(CivilDate, Int, Int, Int), instant(Date) }

    static func parse(_ raw: String) -> Expected? {
        let s = Array(raw.trimmingCharacters(in: .whitespaces))
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count, s[from..<from + count].allSatisfy(\.isNumber) else { return nil }
            return Int(String(s[from..<from + count]))
        }
        guard let year = number(0, 4), s.count >= 8, s[4] == "-" else { return nil }
        var at: Int
        let date: CivilDate
        if let month = number(5, 2), s.count >= 10, s[7] == "-", let day = number(8, 2) {
            date = CivilDate(year: year, month: month, day: day)
            at = 10
        } else if let ordinal = number(5, 3) {
            date = CivilDate(year: year, month: 1, day: 1).adding(days: ordinal - 1)
            at = 8
        } else {
            return nil
        }
        guard at < s.count else { return .day(date) }
        guard s[at] == "T" || s[at] == "t" || s[at] == " ", let hour = number(at + 1, 2) else { return nil }
        at += 3
        var minute = 0, second = 0
        if at < s.count, s[at] == ":", let m = number(at + 1, 2) { minute = m; at += 3 }
        if at < s.count, s[at] == ":", let sec = number(at + 1, 2) { second = sec; at += 3 }
        guard at < s.count else { return .floating(date, hour, minute, second) }
        var offset = 0
        if s[at] == "Z" || s[at] == "z" {
            at += 1
        } else if s[at] == "+" || s[at] == "-" {
            let sign = s[at] == "-" ? -1 : 1
            guard let oh = number(at + 1, 2) else { return nil }
            at += 3
            var om = 0
            if at < s.count, s[at] == ":" { at += 1 }
            if let m = number(at, 2) { om = m; at += 2 }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard at == s.count else { return nil }
        return .instant(LocalDateTime(date: date, hour: hour, minute: minute, second: second, utcOffset: offset).instant)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

struct MicroformatsConformanceTests {
    static let cases: [MicroformatsCase] = (try? MicroformatsCase.all()) ?? []

    @Test func theSuiteIsLoaded() throws {
        let cases = try MicroformatsCase.all()
        #expect(cases.count >= 20, "only \(cases.count) microformats cases")
        let unknown = Set(ConformanceDifferences.microformats.keys).subtracting(cases.map(\.id))
        #expect(unknown.isEmpty, "expected differences name no case: \(unknown.sorted())")
    }

    @Test(arguments: cases)
    func microformatsCase(_ c: MicroformatsCase) throws {
        let differences = try c.differences()
        if let reason = ConformanceDifferences.microformats[c.id] {
            #expect(!differences.isEmpty, "\(c.id) now agrees with the suite; remove it from the expected differences (\(reason))")
        } else {
            #expect(differences.isEmpty, Comment(rawValue: "\(c.id):\n" + differences.joined(separator: "\n")))
        }
    }
}

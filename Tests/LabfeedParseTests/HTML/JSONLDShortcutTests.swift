// The JSON-LD path's shortcuts against the slow paths they replace, kept here as references:
// TolerantJSON reading before repairing (the repair scan made only when FastJSON refuses), and
// SchemaEventFinder marking nodes with a walk number instead of Sets of identities.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct JSONLDShortcutTests {
    // MARK: - Random JSON-LD

    /// A random JSON-LD document: events (named or not, dated or not), places, offers, `@id`
    /// references to a small pool (bare references, fuller descriptions, self references),
    /// sub-events and super-events, `@graph` wrappers, prefixed keys and odd values.
    static func randomDocument(_ rng: inout Xorshift64) -> String {
        let ids = ["#a", "#b", "#c", "https://ex.org/e/1"]
        let types = ["Event", "MusicEvent", "Place", "Offer", "Organization", "EventSeries", "schema:Event", "Thing"]
        let texts = ["Atelier", " Atelier  du   lab ", "a &amp; b", "", "Salle B", "https://ex.org/x", "/relatif", "2026-11-20",
                     "2026-11-20T09:30:00+01:00", "2026-11-21T18:00", "2026-11", "PT2H", "EventCancelled", "https://schema.org/OnlineEventAttendanceMode"]
        func text() -> String { "\"" + rng.element(of: texts) + "\"" }
        func node(_ depth: Int) -> String {
            var members: [String] = []
            if rng.next(5) > 0 { members.append("\"@type\": \"\(rng.element(of: types))\"") }
            if rng.next(3) == 0 { members.append("\"@id\": \"\(rng.element(of: ids))\"") }
            if rng.next(4) == 0 && members.count == 1 && members[0].hasPrefix("\"@id\"") { return "{" + members[0] + "}" }  // a bare reference
            let keys = ["name", "startDate", "endDate", "duration", "url", "description", "location", "organizer", "offers",
                        "subEvent", "superEvent", "eventStatus", "eventAttendanceMode", "image", "keywords", "address",
                        "http://schema.org/name", "inLanguage", "about"]
            for key in keys.shuffled(using: &rng).prefix(rng.next(7)) {
                let value: String
                switch depth > 2 ? 0 : rng.next(5) {
                case 0, 1: value = text()
                case 2: value = node(depth + 1)
                case 3: value = "[" + (0..<rng.next(3)).map { _ in rng.next(2) == 0 ? text() : node(depth + 1) }.joined(separator: ", ") + "]"
                default: value = "{\"@id\": \"\(rng.element(of: ids))\"}"
                }
                members.append("\"\(key)\": \(value)")
            }
            if rng.next(2) == 0 {
                members.append("\"name\": \(text())")
                members.append("\"startDate\": \"2026-11-\(10 + rng.next(10))T\(10 + rng.next(9)):00\"")
            }
            // A key written twice sends the block to JSONDecoder's path; keep most blocks on FastJSON's.
            var seen = Set<String>()
            members = members.filter { seen.insert(String($0.prefix(while: { $0 != ":" }))).inserted }
            return "{" + members.joined(separator: ", ") + "}"
        }
        switch rng.next(3) {
        case 0: return "[" + (0..<1 + rng.next(3)).map { _ in node(0) }.joined(separator: ", ") + "]"
        case 1: return "{\"@context\": \"https://schema.org\", \"@graph\": [" + (0..<1 + rng.next(4)).map { _ in node(0) }.joined(separator: ", ") + "]}"
        default: return node(0)
        }
    }

    // MARK: - TolerantJSON: read first, repair when refused

    /// Strict JSON never needs repair: whatever FastJSON reads, the repair scan passes.
    @Test func whatFastJSONReadsNeedsNoRepair() {
        var rng = Xorshift64(seed: 0x5EED_0011_0001)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"x // y\"", "\"/* z */\"", "\"<!-- -->\"", "\"]]>\"", "\\", "\\\"",
                      "\\n", "\\u00e9", "\n", " ", "1", "-2.5", "-", "--", "<", "/", "//", "é", "null", "true", "\"a\": ", ", "]
        var read = 0
        for round in 0..<6_000 {
            var text: String
            if round % 3 == 0 {
                text = Self.randomDocument(&rng)
            } else if round % 3 == 1 {
                // Valid JSON whose strings hold what the scan looks for outside strings.
                let inside = ["x // y", "/* z */", "<!-- -->", "]]>", "<![CDATA[", "-->", "a, }", "\\/", "\\\\", "\\u00e9", "\\\"", "é"]
                text = "{" + (0..<1 + rng.next(4)).map { k in
                    "\"k\(k)\": " + (rng.next(2) == 0 ? "\"\(rng.element(of: inside))\"" : "[\"\(rng.element(of: inside))\", -1.5e2, null]")
                }.joined(separator: ", \n\t") + "}"
            } else {
                text = ""
                for _ in 0..<rng.next(14) { text += rng.element(of: pieces) }
            }
            guard FastJSON.parse(text) != nil else { continue }
            read += 1
            #expect(!UTF8Bytes.with(text, TolerantJSON.needsRepair), "\(text.debugDescription)")
            let (repaired, repairs) = TolerantJSON.repair(text)
            #expect(repaired == text && repairs.isEmpty, "\(text.debugDescription)")
        }
        #expect(read > 3_900)
    }

    /// The reading gives what repairing first gave: value, repairs and error, on valid, faulty
    /// and unreadable blocks.
    @Test func readingFirstGivesWhatRepairingFirstGave() {
        var rng = Xorshift64(seed: 0x5EED_0011_0002)
        let faults = ["// note\n", "/* c */", "<!--", "-->", ",", "\n", "\\'", "\\d", "}{", "<![CDATA[", "]]>", "x"]
        var texts = [#"{"a": 1}"#, #"{"a": 1,}"#, #"<!-- {"a": [1, 2, ]} -->"#, #"{"a": 1}{"b": 2}"#, #"{"a": 1},{"b": 2}"#,
                     #"{"a": "\ud83d"}"#, #"{"a": 1, "a": 2}"#, "{\"d\": \"l\n\"}", "nonsense", "", "42", #""s""#]
        for _ in 0..<1_500 {
            var text = Self.randomDocument(&rng)
            if rng.next(2) == 0 {
                let cut = text.index(text.startIndex, offsetBy: rng.next(text.count + 1))
                text.insert(contentsOf: rng.element(of: faults), at: cut)
            }
            texts.append(text)
        }
        for text in texts {
            let now = TolerantJSON.parse(text, fast: FastJSON.parse, convert: { $0 })
            let before = TolerantJSON.parseRepairingFirst(text, fast: FastJSON.parse, convert: { $0 })
            #expect(now.value == before.value && now.repairs == before.repairs && now.error == before.error, "\(text.debugDescription)")
        }
    }

    // MARK: - SchemaEventFinder: walk numbers for Sets

    /// The finder as it was, with Sets of node identities: the reference.
    static func referenceEvents(roots: [SchemaValue], foundBy: FoundBy, _ environment: ExtractionEnvironment,
                                warnings: inout [String]) -> [Event] {
        var index: [String: SchemaNode] = [:]
        var visited = Set<ObjectIdentifier>()
        func register(_ value: SchemaValue, depth: Int) {
            guard depth < 64 else { return }
            value.forEachNode { node in
                guard visited.insert(ObjectIdentifier(node)).inserted else { return }
                if let id = node.id, (index[id]?.properties.count ?? -1) < node.properties.count { index[id] = node }
                for (_, child) in node.properties where child.mayHoldNode { register(child, depth: depth + 1) }
            }
        }
        for root in roots { register(root, depth: 0) }
        let mapper = SchemaEventMapper(index: index, environment: environment, foundBy: foundBy)
        var found: [(node: SchemaNode, parent: SchemaNode?)] = []
        var seen = Set<ObjectIdentifier>()
        func visit(_ value: SchemaValue, parent: SchemaNode?, depth: Int) {
            guard depth < 64 else { return }
            value.forEachNode { raw in
                let node = mapper.resolve(raw)
                guard seen.insert(ObjectIdentifier(node)).inserted else { return }
                let isEvent = SchemaTypes.isEvent(node)
                if isEvent { found.append((node, parent)) }
                for (key, child) in node.properties where child.mayHoldNode && key != "superEvent" {
                    visit(child, parent: isEvent && key == "subEvent" ? node : nil, depth: depth + 1)
                }
            }
        }
        for root in roots { visit(root, parent: nil, depth: 0) }
        let toldByTimings = Set(found.compactMap { item -> ObjectIdentifier? in
            guard let parent = item.parent, item.node.text("name") == nil else { return nil }
            return ObjectIdentifier(parent)
        })
        var events: [Event] = []
        for (node, parent) in found where !toldByTimings.contains(ObjectIdentifier(node)) {
            if let event = mapper.event(from: node, parent: parent, warnings: &warnings) { events.append(event) }
        }
        return events
    }

    /// Random documents, each read once and walked by the reference then twice by the finder
    /// (a second walk over nodes the first marked must find them all again).
    @Test func walkNumbersFindWhatSetsFound() throws {
        var rng = Xorshift64(seed: 0x5EED_0011_0003)
        let environment = ExtractionEnvironment(base: "https://ex.org/agenda/", zone: try #require(TimeZone(identifier: "Europe/Paris")))
        var withEvents = 0
        for _ in 0..<1_500 {
            let blocks = (0..<1 + rng.next(2)).map { _ in Self.randomDocument(&rng) }
            let roots = blocks.compactMap { FastJSON.schema($0, origin: "o", line: 1) }
            var referenceWarnings: [String] = [], warnings: [String] = [], againWarnings: [String] = []
            let expected = Self.referenceEvents(roots: roots, foundBy: .jsonLD, environment, warnings: &referenceWarnings)
            let events = SchemaEventFinder.events(roots: roots, foundBy: .jsonLD, environment, warnings: &warnings)
            let again = SchemaEventFinder.events(roots: roots, foundBy: .jsonLD, environment, warnings: &againWarnings)
            #expect(events == expected, "\(blocks)")
            #expect(again == expected, "\(blocks)")
            #expect(warnings == referenceWarnings && againWarnings == referenceWarnings, "\(blocks)")
            if !expected.isEmpty { withEvents += 1 }
        }
        #expect(withEvents > 300)
    }

    /// One node reached twice (through a list and an `@id` reference) is one event.
    @Test func aNodeReachedTwiceIsOneEvent() throws {
        let text = ##"{"@graph": [{"@type": "Event", "@id": "#e", "name": "Atelier", "startDate": "2026-11-20"}, {"@id": "#e"}, {"@type": "EventSeries", "name": "Mois", "startDate": "2026-11-01", "subEvent": {"@id": "#e"}}]}"##
        let root = try #require(FastJSON.schema(text, origin: "o", line: 1))
        let environment = ExtractionEnvironment(base: nil, zone: try #require(TimeZone(identifier: "Europe/Paris")))
        var warnings: [String] = []
        let events = SchemaEventFinder.events(roots: [root, root], foundBy: .jsonLD, environment, warnings: &warnings)
        #expect(events.map(\.title) == ["Atelier", "Mois"])
        #expect(SchemaEventFinder.nextWalk() < SchemaEventFinder.nextWalk())
    }
}

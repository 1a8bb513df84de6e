// The schema.org walk's shortcuts (pass pageperf17) against what they replace: event types told
// by length and equality instead of the Set's hash, and a node's properties walked in place with
// their names told by slot instead of (key, value) pairs compared as Strings.

import Foundation
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct SchemaShortcutTests {
    /// Every event type, its near misses, other types, and names a canonical equivalence could
    /// confuse (KELVIN SIGN, combining marks, decomposed accents).
    @Test func eventNamesAsTheSetTellsThem() {
        var names: [String] = ["", "Place", "PostalAddress", "Organization", "Thing", "event", "EVENT", "Events", "Even",
                               "Hac\u{212A}athon", "\u{212A}", "Event\u{301}", "E\u{301}vent", "Évent", "Event ", " Event",
                               "Festival\u{0}", "schema:Event", "https://schema.org/Event"]
        for name in SchemaTypes.events {
            names += [name, name.lowercased(), name.uppercased(), String(name.dropLast()), name + "s", String(name.dropFirst()),
                      name.replacingOccurrences(of: "k", with: "\u{212A}"), name + "\u{301}"]
        }
        for name in names {
            #expect(SchemaTypes.isEventName(name) == SchemaTypes.events.contains(name), "\(name.unicodeScalars.map(\.value))")
        }
    }

    @Test func randomNamesAsTheSetTellsThem() {
        var rng = Xorshift64(seed: 0x5EED_0017_0002)
        let pieces = ["Event", "Festival", "Hackathon", "Course", "Instance", "Series", "Sale", "Food", "e", "E", "v", "n", "t",
                      "\u{212A}", "\u{301}", "é", "k", "K", ";", "`", "\u{37E}", "\u{1FEF}", " "]
        var found = 0
        for _ in 0..<20_000 {
            let name = (0..<1 + rng.next(3)).map { _ in rng.element(of: pieces) }.joined()
            let expected = SchemaTypes.events.contains(name)
            #expect(SchemaTypes.isEventName(name) == expected, "\(name.unicodeScalars.map(\.value))")
            if expected { found += 1 }
        }
        #expect(found > 500)
    }

    /// The values a walk visits, and their names told by slot, against the pairs of the
    /// properties' iteration compared as Strings; on properties read by FastJSON (slotted),
    /// written as Strings (unslotted: prefixed, escaped), and both.
    @Test func nodeHoldersAsTheIterationGivesThem() throws {
        var rng = Xorshift64(seed: 0x5EED_0017_0003)
        let keys = ["superEvent", "subEvent", "schema:superEvent", "http://schema.org/subEvent", #"\u0073ubEvent"#, "location",
                    "name", "super\u{212A}vent", "subEvent ", "about"]
        let values = [#""t""#, "1", "{}", #"{"@type": "Event"}"#, "[]", #"[1, {"a": 2}]"#, "null", #"{"@value": "v"}"#]
        var compared = 0
        for _ in 0..<3_000 {
            var seen = Set<String>()
            let members = (0..<rng.next(6)).compactMap { _ -> String? in
                let key = rng.element(of: keys)
                guard seen.insert(key).inserted else { return nil }
                return "\"\(key)\": \(rng.element(of: values))"
            }
            let text = "{" + members.joined(separator: ", ") + "}"
            guard let value = FastJSON.schema(text, origin: "o", line: 1) ?? TolerantJSON.parse(
                text, fast: { _ in nil }, convert: { JSONLDReader.convert($0, origin: "o", line: 1) }).value,
                  case .node(let node) = value else { continue }
            var properties = node.properties
            if rng.next(3) == 0 { properties["subEvent"] = .list([]) }  // a String write after the reading
            var expected: [String] = []
            for (key, child) in properties where child.mayHoldNode {
                expected.append("\(JSONLDBytesTests.render(child)) super:\(key == "superEvent") sub:\(key == "subEvent")")
            }
            var walked: [String] = []
            properties.forEachNodeHolder { child, slot, key in
                walked.append("\(JSONLDBytesTests.render(child)) super:\(SchemaProperties.key(slot: slot, key, is: .superEvent))"
                              + " sub:\(SchemaProperties.key(slot: slot, key, is: .subEvent))")
            }
            #expect(walked == expected, "\(text)")
            compared += 1
        }
        #expect(compared > 2_500)
    }

    /// A node's types held as a first name and the others: what the array gave, however they
    /// are written (init, setter, one name), and the questions asked of them.
    @Test func typesAsTheArrayHeldThem() {
        var rng = Xorshift64(seed: 0x5EED_0017_0006)
        let names = ["Event", "Place", "MusicEvent", "Thing", "", "Hac\u{212A}athon", "Festival", "PostalAddress"]
        for _ in 0..<3_000 {
            let types = (0..<rng.next(4)).map { _ in rng.element(of: names) }
            let byInit = SchemaNode(types: types, origin: "o", line: 1)
            let bySetter = SchemaNode(origin: "o", line: 1)
            bySetter.types = [rng.element(of: names)]
            bySetter.types = types
            for node in [byInit, bySetter] {
                #expect(node.types == types)
                #expect(SchemaTypes.isEvent(node) == types.contains(where: SchemaTypes.events.contains), "\(types)")
                for name in names { #expect(node.isA(name) == types.contains(name)) }
            }
            let one = rng.element(of: names)
            bySetter.setType(one)
            #expect(bySetter.types == [one])
        }
    }
}

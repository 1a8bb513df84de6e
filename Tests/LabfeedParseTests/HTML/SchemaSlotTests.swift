// Properties looked up by slot (SchemaName, a name's place in SchemaKeys's table) against the
// lookup by String they replace, kept here as the reference: the same value for every name of
// the table, on nodes mixing names read from the table, prefixed or escaped keys, microdata-like
// writes, odd Unicode keys, removals and nodes past the linear limit.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct SchemaSlotTests {
    /// Every name the mapper asks for is its own slot's name.
    @Test func eachNamedSlotIsItsName() {
        let named: [(SchemaName, String)] = [
            (.name, "name"), (.url, "url"), (.startDate, "startDate"), (.endDate, "endDate"), (.description, "description"),
            (.location, "location"), (.address, "address"), (.streetAddress, "streetAddress"), (.addressLocality, "addressLocality"),
            (.postalCode, "postalCode"), (.addressRegion, "addressRegion"), (.addressCountry, "addressCountry"), (.geo, "geo"),
            (.latitude, "latitude"), (.longitude, "longitude"), (.organizer, "organizer"), (.offers, "offers"), (.price, "price"),
            (.lowPrice, "lowPrice"), (.priceCurrency, "priceCurrency"), (.isAccessibleForFree, "isAccessibleForFree"),
            (.keywords, "keywords"), (.image, "image"), (.contentUrl, "contentUrl"), (.superEvent, "superEvent"),
            (.subEvent, "subEvent"), (.inLanguage, "inLanguage"), (.alternateName, "alternateName"),
            (.eventAttendanceMode, "eventAttendanceMode"), (.eventStatus, "eventStatus"),
            (.previousStartDate, "previousStartDate"), (.duration, "duration"),
        ]
        for (name, text) in named {
            #expect(name.text == text)
            #expect(Int(name.slot) == SchemaKeys.names.firstIndex(of: text), "\(text)")
        }
        #expect(Set(SchemaKeys.names).count == SchemaKeys.names.count)
        #expect(SchemaKeys.names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(SchemaKeys.names.count <= 64)
    }

    private func render(_ value: SchemaValue?) -> String {
        guard let value else { return "nil" }
        switch value {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let n): return "n\(n)"
        case .text(let s): return "t" + String(reflecting: s)
        case .list(let items): return "[" + items.map { render($0) }.joined(separator: ",") + "]"
        case .node(let node): return "node:\(node.id ?? "-")"
        }
    }

    /// Random JSON objects read by FastJSON (names with and without slots), then written to
    /// and removed from as microdata and RDFa do: every slot's lookup against its String's.
    @Test func lookupBySlotFindsWhatLookupByStringFinds() {
        var rng = Xorshift64(seed: 0x5EED_0011_0004)
        let odd = ["schema:name", "http://schema.org/url", #"na\u006de"#, "\u{212A}eywords", "Name", "name ", "e\u{301}", "startdate", "x"]
        var nodes = 0
        for _ in 0..<2_000 {
            let keys = (SchemaKeys.names.dropFirst(5) + odd).shuffled(using: &rng).prefix(rng.next(24))
            let json = "{" + keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}"
            guard case .node(let node)? = FastJSON.schema(json, origin: "o", line: 1) else { continue }
            nodes += 1
            var properties = node.properties
            let values: [SchemaValue] = [.text("set"), .text("  "), .text(" set\u{00A0}"), .list([.null, .text("in a list")]), .null,
                                         .node(SchemaNode(id: "#n", origin: "o", line: 2))]
            for _ in 0..<rng.next(4) {
                let key = rng.element(of: Array(SchemaKeys.names.dropFirst(5)) + odd)
                switch rng.next(3) {
                case 0: properties[key] = nil
                case 1: properties[key] = rng.element(of: values)
                default: properties.updateValue(.bool(true), forKey: SchemaNode.localName(key))
                }
            }
            for slot in 5..<SchemaKeys.names.count {
                let name = SchemaName(slot: UInt8(slot))
                #expect(render(properties[name]) == render(properties[name.text]), "\(json) \(name.text)")
                #expect(render(node.properties[name]) == render(node.properties[name.text]), "\(json) \(name.text)")
                #expect(node.text(name) == node.text(name.text), "\(json) \(name.text)")
                let written = SchemaNode(properties: properties, origin: "o", line: 1)
                #expect(written.text(name) == written.text(name.text), "\(json) \(name.text)")
                #expect(written.textOrID(name) == written.textOrID(name.text), "\(json) \(name.text)")
            }
        }
        #expect(nodes > 1_000)
    }

    /// A name read from the table and the same local name read otherwise are one name twice:
    /// left to the JSONTree path, as before slots.
    @Test func oneLocalNameTwiceIsStillRefused() {
        for json in [#"{"name": 1, "schema:name": 2}"#, #"{"schema:name": 1, "name": 2}"#, #"{"url": 1, "u\u0072l": 2}"#,
                     #"{"a": 0, "name": 1, "b": 2, "name": 3}"#] {
            #expect(FastJSON.schema(json, origin: "o", line: 1) == nil, "\(json)")
        }
        let node = FastJSON.schema(#"{"schema:name": "a", "url": "u"}"#, origin: "o", line: 1)?.nodeValue
        #expect(node?.text(.name) == "a" && node?.text(.url) == "u")
    }
}

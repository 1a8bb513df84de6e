// FastJSON.schema, the JSON-LD reader's one-tree path: whatever it reads, it gives the value
// JSONLDReader.convert gives for FastJSON.parse's tree of the same text (compared through a
// canonical rendering with sorted keys); what it leaves (nil) goes to that path unchanged.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct FastJSONSchemaTests {
    /// The reference: FastJSON's tree, then JSONLDReader's conversion.
    private func reference(_ text: String) -> SchemaValue? {
        FastJSON.parse(text).map { JSONLDReader.convert($0, origin: "o", line: 3) }
    }

    /// A canonical text of a value: node properties in key order, origin and line included.
    private func render(_ value: SchemaValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): "n\(n.bitPattern)"
        case .text(let s): "t" + String(reflecting: s)
        case .list(let items): "[" + items.map(render).joined(separator: ",") + "]"
        case .node(let node):
            "{types:\(node.types) id:\(String(reflecting: node.id)) at:\(node.origin)@\(node.line) "
                + node.properties.keys.sorted().map { "\($0)=\(render(node.properties[$0]!))" }.joined(separator: " ") + "}"
        }
    }

    @Test(arguments: [
        #"{}"#, #"[]"#, #"[{}, [], [[]]]"#,
        #"{"@context": "https://schema.org", "@type": "Event", "name": "Atelier &amp; débat", "startDate": "2026-11-20T09:30:00+01:00"}"#,
        ##"{"@context": {"@vocab": "http://schema.org/"}, "@graph": [{"@type": "Event", "@id": "#e", "location": {"@id": "#p"}}, {"@id": "#p", "@type": "Place", "name": "Salle"}]}"##,
        ##"{"@graph": [{"@type": ["Event", "schema:EducationEvent"]}], "@type": "WebPage", "name": "beside the graph", "@id": "#page"}"##,
        #"{"@graph": {"@type": "Event"}, "@type": "X", "@value": "the rest is a value"}"#,
        #"{"@graph": [], "name": "no type: dropped"}"#,
        #"{"name": {"@value": "Atelier", "@language": "fr"}, "sd": {"@value": 12}}"#,
        #"{"@type": "https://schema.org/Event", "http://schema.org/name": "x", "schema:startDate": "2026-01-02", " eventStatus ": "https://schema.org/EventScheduled"}"#,
        #"{"@id": 42, "@type": [1, "Event", null, {"a": 1}], "offers": [{"@type": "Offer", "price": 0, "priceCurrency": "EUR"}]}"#,
        #"{"a": [1, 2.5, -0, 1e3, true, false, null, ""], "b": {"c": {"d": []}}, "e": "\u00e9\ud83d\ude00 &eacute;&#233;"}"#,
        // `@context` stepped over when a plain string, read when anything else.
        #"{"@context": "", "@type": "Event"}"#, #"{"@context": "https://schema.org/ &amp; é", "name": "x"}"#,
        #"{"@context": "http:\/\/schema.org", "name": "x"}"#, #"{"@context": ["https://schema.org", {"@language": "fr"}]}"#,
        #"{"@context": null, "name": "x"}"#, #"{"@context": "0123456789abcdef0123456789", "@type": "Event"}"#,
    ])
    func givesWhatTheTreeAndItsConversionGive(_ text: String) throws {
        let expected = try #require(reference(text))
        let fast = try #require(FastJSON.schema(text, origin: "o", line: 3))
        #expect(render(fast) == render(expected))
    }

    @Test(arguments: [
        #"{"name": 1, "name": 2}"#,                 // a key written twice
        #"{"name": 1, "schema:name": 2}"#,          // one local name twice: convert's order is a Dictionary's
        #"{"@type": "A", "@type": "B"}"#, #"{"@graph": [], "@graph": []}"#, #"{"@id": "a", "@id": "b"}"#,
        #"{"@value": 1, "@value": 2}"#, #"{"@context": 1, "@context": 2}"#, #"{"@context": "a", "@context": "b"}"#,
        "{\"@context\": \"raw\tcontrol\"}", #"{"@context": "unterminated}"#, #"{"@context": "\ud83d"}"#,
        #"{"a": 1,}"#, #"{"a": "\ud83d"}"#, #"{"a": 1e400}"#, #"{"a": 1}{"b": 2}"#, #""text""#, "42",
    ])
    func leavesToTheTreePathWhatItIsNotSureOf(_ text: String) {
        #expect(FastJSON.schema(text, origin: "o", line: 3) == nil)
    }

    /// A plain `@context` string one level past the bound is refused as any value there is.
    @Test func aContextPastTheBoundIsLeftToTheTreePath() {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + #"{"@context": "https://schema.org"}"# + String(repeating: "]", count: depth)
        }
        // The object at depth maxDepth - 1 holds its value at maxDepth: refused.
        #expect(FastJSON.schema(nested(FastJSON.maxDepth - 1), origin: "o", line: 1) == nil)
        #expect(FastJSON.parse(nested(FastJSON.maxDepth - 1)) == nil)
        #expect(FastJSON.schema(nested(FastJSON.maxDepth - 2), origin: "o", line: 1) != nil)
        #expect(FastJSON.parse(nested(FastJSON.maxDepth - 2)) != nil)
    }

    @Test func nestingPastTheBoundIsLeftToTheTreePath() {
        let deep = String(repeating: "[", count: FastJSON.maxDepth + 1) + String(repeating: "]", count: FastJSON.maxDepth + 1)
        #expect(FastJSON.schema(deep, origin: "o", line: 1) == nil)
        let shallow = String(repeating: "[", count: FastJSON.maxDepth) + String(repeating: "]", count: FastJSON.maxDepth)
        #expect(FastJSON.schema(shallow, origin: "o", line: 1) != nil)
    }

    /// Every key of the byte table, written plainly, escaped, with a prefix, or one byte off:
    /// the same value as the string read then classified.
    @Test func knownKeysReadAsTheirStrings() throws {
        for name in SchemaKeys.names {
            let escaped = name.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }.joined()
            for key in [name, escaped, "schema:" + name, name + "x", String(name.dropLast()), " " + name, name.uppercased()] {
                let text = #"{"k": "Event", ""# + key + #"": "v", "other": {""# + key + #"": [1, "w"]}}"#
                let expected = try #require(reference(text), "\(text)")
                let fast = try #require(FastJSON.schema(text, origin: "o", line: 3), "\(text)")
                #expect(render(fast) == render(expected), "\(text)")
            }
        }
    }

    @Test func theByteTableMatchesOnlyWholeUnescapedKeys() {
        func match(_ json: String) -> (key: SchemaKey, end: Int, slot: UInt8)? {
            Array(json.utf8).withUnsafeBufferPointer { SchemaKeys.match($0, quoteAt: 0) }
        }
        #expect(match(#""startDate": 1"#)?.key == .property("startDate"))
        #expect(match(#""startDate": 1"#)?.end == 11)
        #expect(match(#""startDate": 1"#)?.slot == UInt8(SchemaKeys.names.firstIndex(of: "startDate")!))
        #expect(match(#""@type""#)?.key == .keyword(.type))
        #expect(match(#""@context""#)?.key == .keyword(.context))
        #expect(match(#""start\u0044ate""#) == nil)
        #expect(match(#""startDat"#) == nil)
        #expect(match(#""startDates""#) == nil)
        #expect(match(#""Name""#) == nil)
        #expect(match("\"\"") == nil)
    }

    /// The byte table as it was (names by length, each compared in turn): the reference for
    /// ``SchemaKeys/match(_:quoteAt:)``'s hashed places. The name's slot and the end, or nil.
    private func referenceMatch(_ b: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> (slot: Int, end: Int)? {
        var table = Array(repeating: [(bytes: [UInt8], slot: Int)](), count: 33)
        for (slot, name) in SchemaKeys.names.enumerated() { table[name.utf8.count].append((Array(name.utf8), slot)) }
        let start = quote + 1
        var i = start
        while i < b.count, i - start < 33 {
            let c = b[i]
            if c == 0x22 { break }
            if c == 0x5C || c < 0x20 { return nil }
            i += 1
        }
        let length = i - start
        guard i < b.count, b[i] == 0x22, length < table.count else { return nil }
        for candidate in table[length] {
            var k = 0
            while k < length, candidate.bytes[k] == b[start + k] { k += 1 }
            if k == length { return (candidate.slot, i + 1) }
        }
        return nil
    }

    /// Every name, its near misses (one byte changed, dropped or added, escaped, cut by the end
    /// of the text, longer than any name) and random keys: the same answer as the reference.
    @Test func hashedPlacesMatchWhatTheTableByLengthMatched() {
        var texts: [String] = []
        for name in SchemaKeys.names {
            texts += ["\"\(name)\"", "\"\(name)\": 1", "\"\(name)", "\"\(name)x\"", "\"x\(name)\"", "\"\(name.dropLast())\"",
                      "\"\(name.dropFirst())\"", "\"\(name.uppercased())\"", "\"\(name)\\\"\"", "\"\(name)\n\""]
            for k in name.utf8.indices {
                var bytes = Array(name.utf8)
                bytes[name.utf8.distance(from: name.utf8.startIndex, to: k)] ^= 0x01
                texts.append("\"" + String(decoding: bytes, as: UTF8.self) + "\"")
            }
        }
        texts += ["\"\"", "\"", "\"" + String(repeating: "a", count: 40) + "\"", "\"maximumAttendeeCapacityX\"", "\"é\""]
        var rng = Xorshift64(seed: 0x5EED_0011_0005)
        let letters = Array("aeimnortuxyzADEL@\"\\ é".utf8)
        for _ in 0..<5_000 {
            texts.append("\"" + String(decoding: (0..<rng.next(26)).map { _ in rng.element(of: letters) }, as: UTF8.self) + "\"")
        }
        var matched = 0
        for text in texts {
            Array(text.utf8).withUnsafeBufferPointer { b in
                let now = SchemaKeys.match(b, quoteAt: 0)
                let before = referenceMatch(b, quoteAt: 0)
                #expect(now.map { Int($0.slot) } == before?.slot && now?.end == before?.end, "\(text.debugDescription)")
                if let now { matched += 1; #expect(now.key == (Int(now.slot) < 5 ? now.key : .property(SchemaKeys.names[Int(now.slot)]))) }
            }
        }
        #expect(matched >= SchemaKeys.names.count * 2)  // each name, alone and followed by its value
    }

    /// Strings cut from the text (no escape) and read from bytes (an escape): entities, escapes,
    /// non-ASCII, a combining mark just after the quote, emoji, raw control characters, an
    /// unclosed string: the same value as the tree path, or nil where it gives nil.
    @Test func stringsReadAsTheTreePathReadsThem() {
        let pieces = ["a", " ", "é", "\u{301}", "😀", "&amp;", "&eacute;", "&#233;", "&", "&x", "\\u0026amp;", "\\n", "\\\"",
                      "\\/", "\\ud83d\\ude00", "\\u00e9", "\u{7F}", "\u{01}", "\t", "<b>", "€", "ǅ", "\u{FEFF}"]
        var rng = Xorshift64(seed: 0x5EED_0011_0006)
        var read = 0
        for round in 0..<4_000 {
            let body = (0..<rng.next(7)).map { _ in rng.element(of: pieces) }.joined()
            let text = round % 10 == 0 ? #"{"k": ""# + body : #"{"k": ""# + body + #"", "name": [""# + body + #""]}"#
            let fast = FastJSON.schema(text, origin: "o", line: 3)
            let expected = reference(text)
            #expect((fast == nil) == (expected == nil), "\(text.debugDescription)")
            if let fast, let expected {
                read += 1
                #expect(render(fast) == render(expected), "\(text.debugDescription)")
            }
        }
        #expect(read > 2_000)
    }

    /// Random JSON-LD-like documents (keywords, prefixed keys, entities, nesting): the same value.
    @Test func agreesWithTheTreePathOnRandomDocuments() {
        var generator = Xorshift64(seed: 0x0DDB_A115_EED0_0004)  // fixed, so a failure reproduces
        let keys = ["@type", "@id", "@graph", "@value", "@context", "name", "schema:name", "startDate",
                    "http://schema.org/location", "url", "", " sp ", "é", #"na\u006de"#, #"@ty\u0070e"#, "locations", "@types"]
            // ("location" is left out: with "http://schema.org/location" it is one local name twice.)
            + SchemaKeys.names.filter { $0 != "location" }.shuffled(using: &generator).prefix(12)
        let strings = ["Event", "schema:Place", "https://schema.org/Event", "a &amp; b", "&#233;t&eacute;", "", " x ", "2026-11-20"]
        func value(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 4 ? 4 : 7), using: &generator) {
            case 0: return "\"" + strings.randomElement(using: &generator)! + "\""
            case 1: return ["1", "-2.5", "0", "1e2", "123456789"].randomElement(using: &generator)!
            case 2: return ["true", "false"].randomElement(using: &generator)!
            case 3: return "null"
            case 4, 5:
                let picked = keys.shuffled(using: &generator).prefix(Int.random(in: 0...5, using: &generator))
                return "{" + picked.map { "\"\($0)\": " + value(depth + 1) }.joined(separator: ", ") + "}"
            default:
                return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth + 1) }.joined(separator: ",") + "]"
            }
        }
        var compared = 0
        for _ in 0..<3_000 {
            let text = Bool.random(using: &generator) ? "{\"k\": \(value(0))}" : "[\(value(0))]"
            let fast = FastJSON.schema(text, origin: "o", line: 3)
            let expected = reference(text)
            if let fast {
                compared += 1
                #expect(render(fast) == render(expected!), "\(text)")
            } else {
                // Only a local name written twice is left to the tree path when FastJSON reads the text.
                #expect(expected == nil || text.contains("name\"") , "\(text)")
            }
        }
        #expect(compared > 1_000)
    }

    /// The known values' table: type names that are their own trimmed local name, distinct
    /// entries, none with a byte a string stops on.
    @Test func knownValuesAreDistinctPlainStrings() {
        #expect(Set(SchemaKnownValues.values).count == SchemaKnownValues.values.count)
        for (k, value) in SchemaKnownValues.values.enumerated() {
            let stops = value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x26 || $0 >= 0x80 })
            #expect(!value.isEmpty && !stops, "\(value)")
            if k < SchemaKnownValues.typeCount {
                #expect(SchemaNode.localName(Whitespace.trim(value)) == value, "\(value)")
            }
        }
    }

    /// `find` gives an entry only for its own bytes: each entry, and its near misses.
    @Test func knownValuesAreFoundOnlyOnTheirBytes() {
        var texts: [String] = ["", "a", String(repeating: "E", count: 60)]
        for value in SchemaKnownValues.values {
            texts += [value, String(value.dropLast()), String(value.dropFirst()), value + "x", "x" + value, value.uppercased(),
                      value.lowercased(), " " + value, value + " "]
            for k in 0..<value.utf8.count {
                var bytes = Array(value.utf8)
                bytes[k] ^= 0x01
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var rng = Xorshift64(seed: 0x5EED_0032_0001)
        let letters = Array("EventPlacOrgizsh:/.".utf8)
        for _ in 0..<5_000 {
            texts.append(String(decoding: (0..<rng.next(16)).map { _ in rng.element(of: letters) }, as: UTF8.self))
        }
        var found = 0
        for text in texts {
            // Padded as a string in a document is (its quote and more after it).
            Array((text + "\", 1]").utf8).withUnsafeBufferPointer { b in
                let k = SchemaKnownValues.find(b, from: 0, length: text.utf8.count)
                #expect(k == (text.isEmpty ? nil : SchemaKnownValues.values.firstIndex(of: text)), "\(text.debugDescription)")
                if k != nil { found += 1 }
            }
        }
        #expect(found >= SchemaKnownValues.values.count)
    }

    /// Documents holding the known values as `@type` (alone, in a list, prefixed, padded,
    /// escaped, with an entity) and as other values: what the tree path gives.
    @Test func knownValuesReadAsTheTreePathReadsThem() throws {
        var texts: [String] = []
        for value in SchemaKnownValues.values {
            let escaped = value.replacing("e", with: "\\u0065")
            for type in ["\"\(value)\"", "[\"\(value)\"]", "[\"Event\", \"\(value)\"]", "\"schema:\(value)\"", "\" \(value)\"",
                         "\"\(value) \"", "\"\(escaped)\"", "\"\(value)&amp;\"", "{\"@value\": \"\(value)\"}"] {
                texts.append(#"{"@type": "# + type + #", "name": "n", "eventStatus": "# + type + #"}"#)
                texts.append(#"[{"@type": "# + type + #", "location": {"@type": "# + type + #"}}]"#)
            }
        }
        for text in texts {
            let expected = try #require(reference(text), "\(text)")
            let fast = try #require(FastJSON.schema(text, origin: "o", line: 3), "\(text)")
            #expect(render(fast) == render(expected), "\(text)")
        }
    }
}

// The JSON-LD reader on bytes (pass pageperf17): a script's text read from libxml2's buffer
// (`FastJSON.schema(bytes:)`) against the String the reader made before (`FastJSON.schema` of
// `String(decoding:)`, ill-formed UTF-8 repaired), and the byte scans of keys and strings
// against the per-byte loops they replaced, kept here as references.

import Foundation
import LabfeedCore
import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct JSONLDBytesTests {
    /// A canonical text of a value: node properties in key order (the tree path's come from a
    /// Dictionary), origin and line included.
    static func render(_ value: SchemaValue?) -> String {
        guard let value else { return "nil" }
        switch value {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let n): return "n\(n.bitPattern)"
        case .text(let s): return "t" + String(reflecting: s)
        case .list(let items): return "[" + items.map { render($0) }.joined(separator: ",") + "]"
        case .node(let node):
            return "{types:\(node.types) id:\(String(reflecting: node.id)) at:\(node.origin)@\(node.line) "
                + node.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\(render($0.value))" }.joined(separator: " ") + "}"
        }
    }

    /// The reference: the bytes made a String (repaired), then read.
    private func reference(_ bytes: [UInt8]) -> SchemaValue? {
        FastJSON.schema(String(decoding: bytes, as: UTF8.self), origin: "o", line: 2)
    }

    private func fromBytes(_ bytes: [UInt8]) -> SchemaValue? {
        bytes.withUnsafeBufferPointer { FastJSON.schema(bytes: $0, origin: "o", line: 2) }
    }

    /// Ill-formed and well-formed sequences to insert: lone continuation bytes, truncated
    /// sequences, overlongs, surrogates, bytes past U+10FFFF, and escapes that decode to
    /// non-ASCII right after them.
    static let pieces: [[UInt8]] = [
        [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
        Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\""#.utf8), Array("&eacute;".utf8), [0xC3, 0x22],
    ]

    @Test(arguments: [
        #"{"name": "é"}"#, #"{"name": "\u00e9", "@type": "Event"}"#, "[{\"a\": \"x\u{80}\"}]", #"{"k": "a", "b": [1, true, null]}"#,
    ])
    func wellFormedTextsReadAsTheirStrings(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.render(fromBytes(bytes)) == Self.render(reference(bytes)))
        #expect(fromBytes(bytes) != nil)
    }

    /// Each piece at every position of small documents: in keys, in values, between tokens.
    @Test func illFormedBytesGiveWhatTheRepairedStringGives() {
        let documents = [#"{"name": "Atelier", "@type": "Event", "x-é": "v"}"#, #"[{"url": "/a"}, "b\u00e9", 1]"#]
        for document in documents {
            let base = Array(document.utf8)
            for piece in Self.pieces {
                for position in 0...base.count {
                    var bytes = base
                    bytes.insert(contentsOf: piece, at: position)
                    #expect(Self.render(fromBytes(bytes)) == Self.render(reference(bytes)), "\(bytes)")
                }
            }
        }
    }

    /// Random JSON-LD documents with random pieces inserted at random places.
    @Test func randomDocumentsWithIllFormedBytes() {
        var rng = Xorshift64(seed: 0x5EED_0017_0001)
        var read = 0
        for _ in 0..<2_000 {
            var bytes = Array(JSONLDShortcutTests.randomDocument(&rng).utf8)
            for _ in 0..<rng.next(4) {
                bytes.insert(contentsOf: rng.element(of: Self.pieces), at: rng.next(bytes.count + 1))
            }
            let expected = reference(bytes)
            #expect(Self.render(fromBytes(bytes)) == Self.render(expected), "\(bytes)")
            if expected != nil { read += 1 }
        }
        #expect(read > 500)
    }

    /// A page's script, read in place, gives the events its text gave through TolerantJSON.
    @Test func scriptsReadInPlaceGiveTheEventsOfTheirText() throws {
        let blocks = [
            #"{"@context": "https://schema.org", "@type": "Event", "name": "Atelier &amp; débat", "startDate": "2026-11-20T09:30"}"#,
            #"<!-- {"@type": "Event", "name": "Wrapped", "startDate": "2026-11-21"} -->"#,
            #"[{"@type": "Event", "name": "Trailing", "startDate": "2026-11-22",}]"#,
            "   ",
        ]
        for block in blocks {
            let html = "<html><head><script type=\"application/ld+json\">\(block)</script></head><body></body></html>"
            let document = try MarkupDocument.parse(Array(html.utf8), syntax: .html)
            var warnings: [String] = []
            let environment = ExtractionEnvironment(base: nil, zone: try #require(TimeZone(identifier: "Europe/Paris")))
            let events = JSONLDReader.events(in: PageElements(document), environment, warnings: &warnings)
            let script = try #require(PageElements(document).scripts.first)
            let result = TolerantJSON.parse(script.text, fast: { FastJSON.schema($0, origin: "o", line: 1) },
                                            convert: { JSONLDReader.convert($0, origin: "o", line: 1) })
            var expectedWarnings: [String] = []
            let expected = result.value.map {
                SchemaEventFinder.events(roots: [$0], foundBy: .jsonLD, environment, warnings: &expectedWarnings)
            } ?? []
            #expect(events == expected, "\(block)")
            #expect(events.isEmpty == Whitespace.isBlank(block), "\(block)")
        }
    }

    // MARK: - Eight bytes at a time

    /// The tree path, which reads keys and strings byte by byte (`JSONStringBytes.read`).
    private func treePath(_ text: String) -> SchemaValue? {
        FastJSON.parse(text).map { JSONLDReader.convert($0, origin: "o", line: 2) }
    }

    /// Each stop (quote, backslash escape, control character, `&` entity, and bytes that are
    /// none: non-ASCII, 0x7F, space, "!") at every lane of strings of every length up to 26,
    /// the text ending right after the string or later, or the string left open.
    @Test func stringsWithEveryStopAtEveryLane() {
        let stops = [#"\""#, #"\\"#, #"\n"#, "\u{1}", "\t", "&amp;", "&", "é", "\u{7F}", " ", "!", "\u{1F}", "\u{80}", "😀", #"\u0026"#]
        var compared = 0
        for length in 0...26 {
            for position in 0...length {
                for stop in stops {
                    let body = String(repeating: "a", count: position) + stop + String(repeating: "b", count: length - position)
                    for tail in ["", " ", "          "] {
                        for text in [#"[""# + body + #"""# + tail + "]", #"{"name": ""# + body + #""}"# + tail, #"[""# + body] {
                            let expected = treePath(text)
                            #expect(Self.render(FastJSON.schema(text, origin: "o", line: 2)) == Self.render(expected), "\(text)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 10_000)
    }

    /// Every key of the table and its near misses (one byte more or less, a control character
    /// inside, much longer, a byte before), the text ending at every distance after the key.
    @Test func keysWithEveryTailLength() {
        var keys: [String] = ["", "a", "abcdefgh", "abcdefghi", String(repeating: "k", count: 40), #"name\u0041"#, #"na\"me"#]
        for name in SchemaKeys.names {
            keys += [name, name + "x", String(name.dropLast()), String(name.prefix(3)) + "\u{1}" + String(name.dropFirst(3)),
                     name + String(repeating: "z", count: 30), "x" + name]
        }
        for key in keys {
            for tail in ["", ":", ": 1", ": 1}", #": 1, "b": 2}"#, #": "long value after the key"}"#] {
                let text = #"{""# + key + #"""# + tail
                #expect(Self.render(FastJSON.schema(text, origin: "o", line: 2)) == Self.render(treePath(text)), "\(text)")
            }
        }
    }

    /// Random strings and keys of random pieces (ASCII, stops, escapes, multi-byte scalars).
    @Test func randomStringsAndKeys() {
        var rng = Xorshift64(seed: 0x5EED_0017_0004)
        let pieces = ["a", "b", "name", "startDate", #"\""#, #"\\"#, #"\u00e9"#, "&amp;", "&", "é", "\u{1}", " ", "😀", "\t", "&#233;"]
        var read = 0
        for _ in 0..<6_000 {
            func text() -> String { (0..<rng.next(12)).map { _ in rng.element(of: pieces) }.joined() }
            // Keys without spaces: " a" and "a" have one local name, which only the tree path reads.
            func key() -> String { text().replacingOccurrences(of: " ", with: "") }
            let document = #"{""# + key() + #"": ""# + text() + #"", ""# + key() + #"": [""# + text() + #""]}"#
            let expected = treePath(document)
            #expect(Self.render(FastJSON.schema(document, origin: "o", line: 2)) == Self.render(expected), "\(document)")
            if expected != nil { read += 1 }
        }
        #expect(read > 300)  // 402: most random bodies hold a raw control character or an unpaired quote
    }

    /// A key told by its slot (`keyword(ofSlot:)`, else the property `names[slot]`) is the key
    /// `match` gives, for every name of the table, and `slot` agrees with `match` on keys,
    /// their near misses and other text.
    @Test func slotsTellTheKeysMatchGives() {
        for (slot, name) in SchemaKeys.names.enumerated() {
            let bytes = Array(#"{""#.utf8) + Array(name.utf8) + Array(#"": 1}"#.utf8)
            bytes.withUnsafeBufferPointer { b in
                let matched = SchemaKeys.match(b, quoteAt: 1)
                #expect(matched?.slot == UInt8(slot), "\(name)")
                let told: SchemaKey = SchemaKeys.keyword(ofSlot: UInt8(slot)).map { .keyword($0) } ?? .property(SchemaKeys.names[slot])
                #expect(matched?.key == told, "\(name)")
            }
        }
        for text in [#""name""#, #""nam""#, #""@type""#, #""x""#, #""""#, #""na\me""#, #""name"#, #""startDatez": 1"#] {
            Array(text.utf8).withUnsafeBufferPointer { b in
                let matched = SchemaKeys.match(b, quoteAt: 0)
                let slot = SchemaKeys.slot(b, quoteAt: 0)
                #expect(matched?.end == slot?.end && matched?.slot == slot?.slot, "\(text)")
            }
        }
    }

    /// Every name with one byte changed at every position (three ways), followed by 0 to 12
    /// bytes: the slot of the name it then spells, if any, whether the last bytes are compared
    /// from one masked word or one at a time.
    @Test func keysOneByteOffAtEveryPosition() {
        for name in SchemaKeys.names {
            for position in 0..<name.utf8.count {
                for flip: UInt8 in [0x01, 0x20, 0x40] {
                    var key = Array(name.utf8)
                    key[position] ^= flip
                    guard !key.contains(0x22), !key.contains(0x5C), !key.contains(where: { $0 < 0x20 }) else { continue }
                    let expected = SchemaKeys.names.firstIndex(of: String(decoding: key, as: UTF8.self))
                    for tail in 0...12 {
                        let bytes = [0x22] + key + [0x22] + [UInt8](repeating: 0x20, count: tail)
                        bytes.withUnsafeBufferPointer { b in
                            let found = SchemaKeys.slot(b, quoteAt: 0)
                            #expect(found.map { Int($0.slot) } == expected, "\(key) \(tail)")
                            #expect(found == nil || found?.end == key.count + 2)
                        }
                    }
                }
            }
            for tail in 0...12 {
                let bytes = [0x22] + Array(name.utf8) + [0x22] + [UInt8](repeating: 0x20, count: tail)
                bytes.withUnsafeBufferPointer { b in
                    #expect(SchemaKeys.slot(b, quoteAt: 0)?.slot == UInt8(SchemaKeys.names.firstIndex(of: name)!), "\(name) \(tail)")
                }
            }
        }
    }
}

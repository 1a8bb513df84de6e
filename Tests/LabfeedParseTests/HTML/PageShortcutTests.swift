// Shortcuts of the page reader (pageperf6) against the slow paths they skip: the digit test
// eight bytes at a time, language tags already normal, a plain absolute link resolved against
// the page without Foundation, schema.org properties in an ordered list (with its index past
// sixteen names), and `firstOfAll`/`textOrID` without the arrays of `all`. Pseudo-random
// inputs use a fixed xorshift seed and bounded counts.

import Foundation
@testable import LabfeedParse
import Testing

struct PageShortcutTests {
    private struct XorShift {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
    }

    @Test func digitTestMatchesTheByteLoop() {
        var rng = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet: [UInt8] = [0x2F, 0x30, 0x35, 0x39, 0x3A, 0x20, 0x61, 0x7F, 0x80, 0xB0, 0xB9, 0xC3, 0xA9, 0xF0, 0x0A, 0x00, 0xFF, 0x10, 0x1A]
        var withDigit = 0
        for _ in 0..<4_000 {
            // Up to 100 bytes: past the 32-byte steps (pageperf19), the 8-byte words and the tail.
            let count = Int(rng.next() % 100)
            var bytes = (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            // Mostly no digit, so that the word test decides alone.
            if rng.next() % 3 != 0 { bytes = bytes.map { $0 >= 0x30 && $0 <= 0x39 ? 0x41 : $0 } }
            let expected = bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
            if expected { withDigit += 1 }
            for offset in 0..<min(bytes.count + 1, 9) {  // every alignment of the eight-byte loads
                let slice = Array(bytes[offset...])
                let got = slice.withUnsafeBufferPointer { ProseAnalysis.hasDigit($0) }
                #expect(got == slice.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(slice)")
            }
        }
        #expect(withDigit > 500)
        #expect(ProseAnalysis.hasDigit("Atelier le 12"))
        #expect(!ProseAnalysis.hasDigit("Atelier numérique à Paris, sans date aucune."))
    }

    /// `PageMeta.normaliseLanguage` before its shortcut.
    private func normalisedAsBefore(_ tag: String) -> String {
        let trimmed = Whitespace.trim(tag)
        let dashed = trimmed.replacingOccurrences(of: "_", with: "-")
        let parts = dashed.split(separator: "-")
        guard let first = parts.first else { return "" }
        return ([first.lowercased()] + parts.dropFirst().map { $0.count == 2 ? $0.uppercased() : String($0) }).joined(separator: "-")
    }

    @Test(arguments: ["fr", "en", "fra", "FR", "Fr", "fr-fr", "fr_FR", " fr ", "", "-", "x", "zh-hant-tw", "é", "fr1", "de-CH-1996"])
    func languageTagsAsBefore(_ tag: String) {
        #expect(PageMeta.normaliseLanguage(tag) == normalisedAsBefore(tag))
    }

    @Test func plainLinksResolveAsFoundationDoesAgainstThePage() throws {
        let bases = ["https://bench.example/page-001.html", "http://lab.example.fr/agenda/?p=2#x", "https://example.org"]
        var links = ["https://lab.example.fr/evenements/e1", "http://example.org/a?b=c&d=e#f", "https://exemple.fr/événement-été",
                     "https://lab.example.fr:8443/x/y/", "https://a.example/%C3%A9t%C3%A9", "https://a.example/?q=été"]
        var rng = XorShift(state: 0x2545_F491_4F6C_DD1D)
        let pieces = ["a", "é", "/", "?", "=", "&", "-", "_", "~", "%41", ".", "x1", "#", "ü", ":"]
        for _ in 0..<2_000 {
            let path = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            links.append("https://lab\(rng.next() % 5).example.fr/" + path)
        }
        var plainCount = 0
        for base in bases {
            let baseURL = try #require(URL(string: base))
            for link in links {
                guard let plain = URLResolver.plain(link) else { continue }
                plainCount += 1
                #expect(plain == URL(string: link, relativeTo: baseURL)?.absoluteString, "\(link) against \(base)")
            }
        }
        #expect(plainCount > 1_000)
    }

    @Test func propertiesKeepOneValuePerNameInWrittenOrder() {
        var properties = SchemaProperties()
        #expect(properties.isEmpty)
        properties["name"] = .text("a")
        properties["url"] = .text("u")
        #expect(properties.updateValue(.text("b"), forKey: "name").map { if case .text("a") = $0 { true } else { false } } == true)
        #expect(properties.updateValue(.number(1), forKey: "startDate") == nil)
        #expect(properties.keys == ["name", "url", "startDate"])
        #expect(properties["name"]?.string == "b")
        properties["url"] = nil
        #expect(properties.keys == ["name", "startDate"])
        #expect(properties["url"] == nil && properties["missing"] == nil)
        // Past the linear limit: an index, the same answers, and removal keeps them right.
        var dictionary: [String: Int] = [:]
        for k in 0..<(SchemaProperties.linearLimit * 3) {
            properties["p\(k)"] = .number(Double(k))
            dictionary["p\(k)"] = k
            properties["p\(k / 2)"] = .number(Double(k / 2))  // rewrites keep their place
        }
        properties["p3"] = nil
        dictionary["p3"] = nil
        for (key, value) in dictionary { #expect(properties[key]?.number == Double(value), "\(key)") }
        #expect(properties["p3"] == nil)
        #expect(properties.count == dictionary.count + 2)
        #expect(Array(properties.keys.prefix(4)) == ["name", "startDate", "p0", "p1"])
        let literal: SchemaProperties = ["a": .bool(true), "b": .null]
        #expect(literal.keys == ["a", "b"])
    }

    @Test func firstOfAllAndTextOrIDAsWithTheArrays() {
        let node = SchemaNode(id: "https://schema.org/EventScheduled", origin: "o", line: 1)
        let values: [SchemaValue] = [
            .null, .text(" x "), .number(2), .bool(false), .node(node), .list([]), .list([.null, .list([]), .text("")]),
            .list([.list([.null]), .list([.node(node), .text("y")])]), .list([.text("  "), .number(3)]), .list([.null, .bool(true)]),
        ]
        for value in values {
            #expect(render(value.firstOfAll) == render(value.all.first))
            let holder = SchemaNode(properties: ["p": value], origin: "o", line: 1)
            let expected = value.all.lazy.compactMap { v -> String? in
                if let s = v.string { return s }
                if case .node(let n) = v { return n.id }
                return nil
            }.first
            #expect(holder.textOrID("p") == expected)
            #expect(render(holder.firstValue("p")) == render(holder.values("p").first))
        }
        #expect(SchemaNode(origin: "o", line: 1).textOrID("p") == nil)
    }

    @Test func headingWordSlotsKeepEveryTableWord() {
        // First words of "related" headings, first and last words of comment headings.
        for word in ["articles", "derniers", "a", "lire", "voir", "sur", "dans", "related", "recent", "you", "see", "archives",
                     "autres", "actualites", "dernieres", "more", "latest", "billets", "read", "vous", "ces", "publications",
                     "commentaires", "commentaire", "comments", "comment", "reponses", "reponse", "reply", "leave", "laisser",
                     "laissez", "reagir", "responses", "replies", "forum", "discussion", "ajouter", "add", "un"] {
            #expect(ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(word)], "\(word)")
        }
        for word in ["le", "programme", "x", "", "zz"] {
            #expect(!ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(word)], "\(word)")
        }
    }

    private func render(_ value: SchemaValue?) -> String {
        guard let value else { return "nil" }
        return switch value {
        case .null: "null"
        case .text(let s): "t" + s
        case .number(let n): "n\(n)"
        case .bool(let b): "b\(b)"
        case .list(let items): "[" + items.map { render($0) }.joined(separator: ",") + "]"
        case .node(let n): "node " + ObjectIdentifier(n).debugDescription
        }
    }
}

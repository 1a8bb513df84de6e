// FeedEventFields.fieldKind compares a name packed into machine words with a table instead of
// making a String and hashing it: on every name (field names in any case and punctuation,
// near misses, non-ASCII, random) it must give what `kinds[normalised(name)]` gives.

import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct FeedEventFieldKindTests {
    /// Element names: every field name as written by plugins, near misses, and pseudo-random
    /// names over letters, digits and punctuation (xorshift, fixed seed, bounded count).
    static var names: [String] {
        var out: [String] = []
        for name in FeedEventFields.kinds.keys {
            out.append(name)
            out.append("_" + name.uppercased())
            out.append("Event-" + name + "_2")
            out.append(String(name.dropLast()))
            out.append(name + "s")
            out.append("x" + name)
        }
        out += ["title", "link", "guid", "description", "pubDate", "enclosure", "comments", "a", "_", "x1",
                "tribe_events_start_date", "tribe.events.end.date", "Event_Start_Date_Time", "dtstartdtstart",
                "évènement", "lieu_é", "Locat\u{212A}ion", "startdat\u{212A}", "\u{212A}", "ENDDATE", "e.n.d.d.a.t.e",
                "abcdefghijklmnopqrstuvwxyz", "tribeeventsstartdates", "tribeeventsstartdat", "venue9", "V9e-n_u.e"]
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        let rest = Array("abcdefgilmnorstuvzADEGNSTV_-.0123456789é")
        var random = Xorshift64(seed: 0x5DEE_CE66_D1CE_4E5B)
        func next() -> Int { Int(random.next() % 1_000_003) }
        for _ in 0..<4000 {
            var name = String(first[next() % first.count])
            for _ in 0..<(next() % 26) { name.append(rest[next() % rest.count]) }
            out.append(name)
        }
        return out
    }

    @Test func packedNamesGiveTheKindTheDictionaryGives() throws {
        let names = Self.names
        var xml = "<r xmlns:p=\"urn:p\">"
        for (i, name) in names.enumerated() { xml += i % 3 == 0 ? "<p:\(name)/>" : "<\(name)/>" }
        xml += "</r>"
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        let children = try #require(doc.root).childElements
        #expect(children.count == names.count)
        var fields = 0
        for child in children {
            let expected = FeedEventFields.kinds[FeedEventFields.normalised(child.name)]
            #expect(FeedEventFields.fieldKind(child) == expected, "\(child.name)")
            if expected != nil { fields += 1 }
        }
        // The list does hold fields of every kind (the test would be empty otherwise).
        #expect(fields >= FeedEventFields.kinds.count * 2)
    }

    @Test func everyPackedEntryStandsForItsName() {
        #expect(FeedEventFields.packedKinds.count == FeedEventFields.kinds.count)
        for (name, kind) in FeedEventFields.kinds {
            var key = FeedEventFields.PackedName()
            for byte in name.utf8 { key.append(byte) }
            #expect(FeedEventFields.packedKinds.filter { $0.name == key }.map(\.kind) == [kind], "\(name)")
            #expect(FeedEventFields.mayBeField(letters: name.utf8.count, first: name.utf8.first!), "\(name)")
        }
    }

    @Test func qualifiedNamesAreThePrefixAndNameAsWritten() throws {
        let names = Self.names
        var xml = "<r xmlns:p=\"urn:p\" xmlns:évt=\"urn:e\" xmlns=\"urn:default\">"
        for (i, name) in names.enumerated() { xml += ["<p:\(name)/>", "<\(name)/>", "<évt:\(name)/>"][i % 3] }
        xml += "</r>"
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        let children = try #require(doc.root).childElements
        #expect(children.count == names.count)
        for child in children {
            let old = (child.namespacePrefix.map { $0 + ":" } ?? "") + child.name
            #expect(FeedEventFields.qualifiedName(child, brackets: false) == old)
            #expect(FeedEventFields.qualifiedName(child, brackets: true) == "<\(old)>")
        }
    }
}

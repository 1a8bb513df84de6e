// RSSItemName recognises the RSS reader's element names from their bytes: every name it reads
// must be recognised, and every other name (near misses in case and length, prefixed names,
// non-ASCII, pseudo-random) must be `.other`, exactly as comparing `node.name` would.

import LabfeedMarkup
@testable import LabfeedParse
import Testing

struct RSSItemNameTests {
    @Test func namesAreRecognisedExactlyAsTheirStrings() throws {
        let table = Dictionary(uniqueKeysWithValues: RSSItemName.spelled)
        var names = FeedEventFieldKindTests.names
        for (name, _) in RSSItemName.spelled {
            names += [name, name.uppercased(), name.lowercased(), String(name.dropLast()), name + "s", "x" + name, "é" + name]
        }
        var xml = "<r xmlns:p=\"urn:p\">"
        for (i, name) in names.enumerated() { xml += i % 2 == 0 ? "<p:\(name)/>" : "<\(name)/>" }
        xml += "</r>"
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        let children = try #require(doc.root).childElements
        #expect(children.count == names.count)
        var recognised = 0
        for child in children {
            let expected = table[child.name] ?? .other
            #expect(RSSItemName(child) == expected, "\(child.name)")
            if expected != .other { recognised += 1 }
        }
        #expect(recognised >= RSSItemName.spelled.count * 2)
        #expect(Set(RSSItemName.spelled.map(\.1)).count == RSSItemName.spelled.count)  // no case twice
    }
}

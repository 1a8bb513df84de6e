import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct FeedIdentityTests {
    @Test func fallsBackToLinkThenHashWhenGuidsRepeat() throws {
        let doc = try FeedFixture.parse("feeds/duplicate-guids.xml")
        #expect(doc.entries.count == 6)
        let ids = doc.entries.map(\.id)
        #expect(ids[0] == "http://dup.example.org/1")
        #expect(ids[1] == "http://dup.example.org/2")
        #expect(ids[2].hasPrefix("hash:"))
        #expect(ids[3] == "unique-4")
        #expect(ids[4] == "http://dup.example.org/5")
        #expect(ids[5].hasPrefix("hash:"))
        #expect(Set(ids).count == ids.count)
        #expect(doc.warnings.contains { $0.contains("\"same\"") && $0.contains("repeated by 3 items") })
    }

    @Test func hashIdsAreStableAcrossParses() throws {
        let a = try FeedFixture.parse("feeds/duplicate-guids.xml")
        let b = try FeedFixture.parse("feeds/duplicate-guids.xml")
        #expect(a.entries.map(\.id) == b.entries.map(\.id))
    }

    @Test func identicalItemsAreAllKeptWithSuffixes() {
        let xml = """
        <rss version="2.0"><channel><title>t</title>
        <item><title>Same</title></item><item><title>Same</title></item>
        </channel></rss>
        """
        let doc = FeedFixture.parse(text: xml)
        #expect(doc.entries.count == 2)
        #expect(doc.entries[1].id == doc.entries[0].id + "#2")
    }
}

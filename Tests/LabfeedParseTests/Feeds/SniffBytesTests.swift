// FormatSniffer.asciiRoot answers the first kilobyte's root from its bytes: whenever it answers,
// the answer must be the one the decoded text gives (BOMs, white space, declarations, comments
// with ill-formed UTF-8, doctypes, combining marks after every significant character, roots in
// any case, cut at the kilobyte's end), and it must answer for the common feed heads.

import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct SniffBytesTests {
    static let leads: [[UInt8]] = [
        [], [0xEF, 0xBB, 0xBF], Array(" ".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\t\u{0B}\u{0C}".utf8),
        Array("\u{A0}".utf8), Array("\u{FEFF}".utf8), Array("x".utf8), Array("{".utf8),
    ]
    static let prologs: [[UInt8]] = [
        [], Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8), Array("<?xml?>".utf8), Array("<?>".utf8),
        Array("<?\u{301}xml?>".utf8), Array("<!-- c -->".utf8), Array("<!-->".utf8), Array("<!--->".utf8),
        Array("<!-- é -->".utf8), Array("<!--\u{301} -->".utf8), Array("<!-- ".utf8) + [0xFF, 0xC3] + Array(" -->".utf8),
        Array("<?pi ".utf8) + [0xE2, 0x3F, 0x3E], Array("<!DOCTYPE rss>".utf8), Array("<!DOCTYPE html>".utf8), Array("<!x>".utf8),
        Array("<?xml?>\u{301}".utf8), Array("<!-- a -->\n\u{A0}".utf8), Array("<?xml".utf8),
    ]
    static let roots: [String] = [
        "<rss", "<RSS", "<rdf:RDF", "<rdf", "<feed", "<Atom:Feed", "<html", "<xhtml:html", "<rssfeed", "<channel",
        "<r\u{301}ss", "<feedé", "<", "<feed\u{301}", "x", "<?", "<\u{301}rss",
    ]
    static let ends: [String] = [" ", ">", "/", "\u{301}", ">\u{301}", " \u{301}", "\r\n", "", "é", "\t>"]

    static func head(_ random: inout Xorshift64) -> [UInt8] {
        var bytes = leads[random.next(leads.count)]
        for _ in 0..<random.next(3) { bytes += prologs[random.next(prologs.count)] + leads[random.next(4)] }
        // Sometimes a long comment, so the root falls near or past the kilobyte's end.
        if random.next(3) == 0 { bytes += Array("<!--".utf8) + Array(repeating: 0x78, count: 900 + random.next(130)) + Array("-->".utf8) }
        bytes += Array(roots[random.next(roots.count)].utf8) + Array(ends[random.next(ends.count)].utf8)
        while bytes.count <= FormatSniffer.quickWindow + 100 { bytes += Array("<item>a</item>".utf8) }
        return bytes
    }

    @Test func bytesAnswerAsTheDecodedTextDoes() {
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var answered = 0
        for _ in 0..<6000 {
            let bytes = Self.head(&random)
            guard let fast = FormatSniffer.asciiRoot(bytes) else { continue }
            answered += 1
            #expect(fast == FormatSniffer.conclusiveByText(bytes), "\(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription)")
        }
        #expect(answered > 300)
    }

    @Test func commonFeedHeadsAreAnsweredFromBytes() {
        let pad = String(repeating: "<item>a</item>", count: 100)
        #expect(FormatSniffer.asciiRoot(Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\(pad)".utf8)) == .rss)
        #expect(FormatSniffer.asciiRoot(Array("\u{FEFF}<?xml version=\"1.0\"?>\r\n<!-- gen -->\n<feed xmlns=\"a\">\(pad)".utf8)) == .atom)
        #expect(FormatSniffer.asciiRoot(Array("<rdf:RDF xmlns:rdf=\"r\">\(pad)".utf8)) == .rdf)
        #expect(FormatSniffer.asciiRoot(Array("<!DOCTYPE html><html>\(pad)".utf8)) == nil)  // left to the String path
        #expect(FormatSniffer.asciiRoot(Array("<channel>\(pad)".utf8)) == nil)
    }
}

// FormatSniffer reads the first kilobyte before the whole 16 KB window: what it finds there
// must be what the whole window says, for roots before, across and after the kilobyte's end.

import LabfeedCore
import LabfeedParse
import Testing

struct SniffWindowTests {
    private func detect(_ text: String) -> DocumentFormat {
        DocumentParser.detect(Array(text.utf8), contentType: "text/plain")
    }

    /// `root` preceded by `padding` characters of comment, then enough content to pass 1 KB.
    private func document(root: String, padding: Int) -> String {
        "<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: padding) + "-->" + root
            + String(repeating: "<item>y</item>", count: 200)
    }

    @Test func rootsOnEitherSideOfTheFirstKilobyteAreFound() {
        for padding in [0, 900, 980, 990, 995, 1000, 1005, 1010, 3000] {
            #expect(detect(document(root: "<rss version=\"2.0\"><channel>", padding: padding)) == .rss, "\(padding)")
            #expect(detect(document(root: "<feed xmlns=\"http://www.w3.org/2005/Atom\">", padding: padding)) == .atom, "\(padding)")
        }
    }

    @Test func aRootNameCutByTheKilobyteIsReadWhole() {
        // "<rssfeed>" is no RSS root, and "<rss" alone at the kilobyte's end must not say so.
        for padding in 990...1010 {
            let text = "<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: padding) + "--><rssfeed><entry>a</entry>"
                + String(repeating: " ", count: 2000)
            #expect(detect(text) != .rss, "\(padding)")
            let page = "<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: padding) + "--><feedback><p>no feed</p>"
                + String(repeating: " ", count: 2000)
            #expect(detect(page) != .atom, "\(padding)")
        }
    }

    @Test func longJSONFeedsAndLeadingJunkStillUseTheWholeWindow() {
        let json = "{\"title\": \"Lab\", \"note\": \"" + String(repeating: "z", count: 2000)
            + "\", \"items\": [], \"version\": \"https://jsonfeed.org/version/1.1\"}"
        #expect(detect(json) == .jsonfeed)
        let junk = String(repeating: "Notice: undefined index\n", count: 60) + #"<rss version="2.0"><channel/></rss>"#
        #expect(detect(junk) == .rss)
    }
}

// URLResolver.link tries the plain-link fast path (`plain`) before collapsing white space and
// testing the scheme; `linkCollapsingFirst`, the former body, is the reference: the same answer
// for every reference and base, on hand-picked edge cases and generated links.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct URLLinkFastPathTests {
    static let bases: [String?] = [nil, "https://lab.example/evenements/index.html", "not a base", ""]

    func expectSame(_ reference: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for base in Self.bases {
            #expect(URLResolver.link(reference, against: base) == URLResolver.linkCollapsingFirst(reference, against: base),
                    "\(reference) against \(base ?? "nil")", sourceLocation: sourceLocation)
        }
    }

    @Test func plainLinksComeBackAsBefore() {
        for link in ["https://lab.example/evenements/e4215-table-ronde", "http://a.example", "https://a.example:8443/p?q=1#top",
                     "https://lab.example/evenements/e203-conférence?utm_source=x&utm_medium=rss", "https://pôle.example/x",
                     "https://a.example/%C3%A9"] {
            #expect(URLResolver.plain(link) != nil, "\(link)")
            expectSame(link)
        }
    }

    @Test func linksThePlainPathRefusesAreReadAsBefore() {
        for link in ["", " ", "\t\n", "#", "#top", " #top", "/relative", "relative", "javascript:alert(1)", " JavaScript:x",
                     "data:text/plain,x", "about:blank", "ABOUT:blank", "mailto:a@b.example", " https://a.example/",
                     "https://a.example/ ", "https://a.example/a  b", "https://a.example/\u{A0}", "\u{A0}https://a.example/",
                     "https://a.example/\u{2003}x", "https://a.example/x\u{3000}", "https://a.\u{85}example/", "https://a.example/a|b",
                     "https://a.example/./x", "HTTPS://a.example/", "https://", "https://a.example/%zz", "https://a.example/\u{7F}",
                     "https://a.example/\u{0}", "https://a.example/\u{1F}"] {
            expectSame(link)
        }
    }

    /// Generated links: plain links, white space and controls at every place, refused schemes,
    /// fragments, non-ASCII letters and spaces.
    @Test func generatedLinksAreResolvedAsBefore() {
        var random = Xorshift64(seed: 0x11AC_0032_0001)
        let starts = ["https://", "http://", "HTTP://", " https://", "javascript:", "data:", "about:", "#", "", "/", "mailto:", "\t"]
        let hosts = ["lab.example", "a", "", "pôle.example", "x-y.fr", "a.example:80", "[::1]"]
        let alphabet = Array("aZ09-._~:/?#@!$&'()*+,;=%/..AF éôü€🎉\u{301}\u{A0}\u{2009}\u{3000}\u{85}\t\n\r\u{1}\u{7F}|[]".unicodeScalars)
        // Every other link is drawn from what a plain link is made of, so that the fast path is
        // taken often (the mixed draw above rarely makes a link it takes).
        let plainStarts = ["https://", "http://"]
        let plainHosts = ["lab.example", "x-y.fr", "a.example:8443", "pôle.example"]
        let plainAlphabet = Array("abcXYZ0189-._~/?=&#é".unicodeScalars)
        var plain = 0
        for i in 0..<4000 {
            let mixed = i % 2 == 0
            var link = mixed ? random.element(of: starts) + random.element(of: hosts)
                             : random.element(of: plainStarts) + random.element(of: plainHosts) + "/"
            for _ in 0..<random.next(20) { link.unicodeScalars.append(random.element(of: mixed ? alphabet : plainAlphabet)) }
            if URLResolver.plain(link) != nil { plain += 1 }
            expectSame(link)
        }
        #expect(plain > 400)  // the fast path is taken often enough to be tested
    }
}

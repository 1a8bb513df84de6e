// URLResolver's fast path (`plain`) must give exactly what Foundation's URL gives
// (`foundationResolve`, the path it skips), on links of every shape: the plain absolute links it
// keeps as written or percent-encodes, international hosts, and the links it hands to Foundation.

@testable import LabfeedParse
import Testing

struct PlainURLTests {
    static let base = "https://lab.example/feeds/rss.xml"

    /// What Foundation gives: white space collapsed, then the URL parser (URLResolver's slow path).
    func foundation(_ link: String) -> String {
        let ref = Whitespace.collapse(link)
        return ref.isEmpty ? Self.base : URLResolver.foundationResolve(ref, against: Self.base)
    }

    @Test func plainAbsoluteLinksAreKeptAsFoundationKeepsThem() {
        for link in ["https://lab.example/evenements/2026/11/atelier?id=3&x=y#top", "http://a.example",
                     "https://a.example:8443/p;q=1/x,y/~u/(1)*!$'+@z", "https://a.example/%C3%A9t%c3%a9"] {
            #expect((URLResolver.plain(link) == link), "\(link)")
            #expect(URLResolver.resolve(link, against: Self.base) == foundation(link))
        }
    }

    @Test func nonASCIIPathsArePercentEncodedAsFoundationDoes() {
        for link in ["https://lab.example/evenements/e0-séminaire", "https://lab.example/a?q=café#été",
                     "https://lab.example/e\u{301}/🎉"] {
            #expect(URLResolver.plain(link) != nil, "\(link)")
            #expect(URLResolver.resolve(link, against: Self.base) == foundation(link), "\(link)")
        }
        #expect(URLResolver.plain("https://lab.example/séminaire") == "https://lab.example/s%C3%A9minaire")
    }

    @Test func internationalHostsTakeFoundationsASCIIForm() {
        for link in ["https://pôle-data.example.fr/evenements/e38-conférence", "https://lab-rhône.example.fr/",
                     "http://Pôle.Example:8080/a?b#c", "https://a.é/", "https://straße.example/x", "https://ÉCOLE.example/"] {
            #expect(URLResolver.resolve(link, against: Self.base) == foundation(link), "\(link)")
        }
        #expect(URLResolver.plain("https://pôle-data.example.fr/e") == "https://xn--ple-data-43a.example.fr/e")
    }

    @Test func linksNeedingWorkGoToFoundation() {
        for link in ["/relative", "relative", "https://a.example/x/../y", "https://a.example/./y", "HTTPS://a.example/",
                     "https://u:é@a.example/", "https://a.example/a b", " https://a.example/", "https://a.example/%zz",
                     "https://a.example/#a#b", "https://[::1]/", "https://a.example/{x}", "mailto:a@b.example",
                     "https://", "https:///x", "https://a.example/a|b", "https://a.example/\"q\""] {
            #expect(!(URLResolver.plain(link) == link), "\(link)")
            #expect(URLResolver.resolve(link, against: Self.base) == foundation(link), "\(link)")
        }
    }

    /// Deterministic pseudo-random links from an alphabet rich in the characters that matter.
    @Test func randomLinksResolveAsFoundationDoes() {
        let alphabet = Array("aZ09-._~:/?#@!$&'()*+,;=%%//..AF#?éôü€🎉\u{301}\u{A0} [|".unicodeScalars)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var kept = 0
        for _ in 0..<5000 {
            var link = ["https://", "http://", "https://A", "http://x"][next(4)]
                + ["lab.example", "Lab.Example", "a", "", "pôle.example", "Rhône-lab.fr", "ÉCOLE.ÿ", "straße.de"][next(8)]
            for _ in 0..<next(24) { link.unicodeScalars.append(alphabet[next(alphabet.count)]) }
            if URLResolver.plain(link) != nil { kept += 1 }
            #expect(URLResolver.resolve(link, against: Self.base) == foundation(link), "\(link)")
        }
        #expect(kept > 500)  // the fast path is taken often enough to be tested
    }
}

// URLResolver's fast path for plain absolute http(s) links must give what Foundation's URL
// gives (the path it skips), whatever the base: checked on hand-picked and random links.

import Foundation
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct URLFastPathTests {
    private let bases: [String?] = [nil, "https://lab.example.fr/agenda/page.html", "http://x.example/a/b/?q=1#f", "not a base"]

    /// What `resolve` did before the fast path: Foundation, relative to the base when usable.
    private func foundation(_ ref: String, against base: String?) -> String {
        if let base, let baseURL = URL(string: base), baseURL.scheme != nil, let resolved = URL(string: ref, relativeTo: baseURL) {
            return resolved.absoluteString
        }
        return URL(string: ref)?.absoluteString ?? ref
    }

    @Test func plainLinksAreThoseFoundationKeepsAsWritten() {
        let plain = ["https://lab.example.fr/evenements/e4215-table-ronde", "http://a.b/c?d=e&f=g#h", "https://x.org",
                     "https://x.org:8443/a_b~c/(d)/e!f*g'h$i;j,k+l@m:n", "https://x.org/Path/With/Upper?Q=A", "https://X.org/"]
        for ref in plain {
            #expect(URLResolver.plain(ref) == ref, "\(ref)")
            for base in bases { #expect(URLResolver.resolve(ref, against: base) == foundation(ref, against: base)) }
        }
        // Percent-encoded on the fast path, exactly as Foundation encodes it.
        #expect(URLResolver.plain("https://x.org/é") == "https://x.org/%C3%A9")
        let slow = ["HTTPS://x.org/", "https://x.org/./a", "https://x.org/a/../b", "https://x.org/a b",
                    "https://x.org/%zz", "https://x.org/a#b#c", "https://user@x.org/", "https://[::1]/", "ftp://x.org/",
                    "https:///x", "//x.org/a", "/a/b"]
        for ref in slow {
            #expect(URLResolver.plain(ref) == nil, "\(ref)")
            for base in bases { #expect(URLResolver.resolve(ref, against: base) == foundation(ref, against: base), "\(ref)") }
        }
    }

    @Test func randomPlainLinksMatchFoundation() {
        var generator = Xorshift64(seed: 0x0DDB_A115_EED0_0003)  // fixed, so a failure reproduces
        let pieces = ["a", "z", "0", "9", "-", "_", "~", ".", "/", "?", "#", "=", "&", "+", ",", ";", ":", "@", "!", "*",
                      "'", "(", ")", "$", "A", "Q", "%", "%2F", " ", "é", "[", "]", "..", "./", "www", "example", "org"]
        var plainCount = 0
        for _ in 0..<20_000 {
            var ref = Bool.random(using: &generator) ? "https://" : "http://"
            for _ in 0..<Int.random(in: 0...14, using: &generator) { ref += pieces.randomElement(using: &generator)! }
            guard URLResolver.plain(ref) != nil else { continue }
            plainCount += 1
            for base in bases {
                #expect(URLResolver.resolve(ref, against: base) == foundation(ref, against: base), "\(ref) against \(base ?? "nil")")
            }
        }
        #expect(plainCount > 300)
    }
}

// CanonicalURL's byte-wise fast path against URLComponents: the same canonical text for every
// URL of a generated grid (schemes, hosts, ports, paths, queries, fragments, white space), and
// the fast path taken for the plain URLs sources publish.

import Foundation
import Testing
@testable import LabfeedProgramme

struct CanonicalURLTests {
    static let schemes = ["http://", "https://", "HTTP://", "Https://", "ftp://", "http:/", "http:", ""]
    static let hosts = ["lab.example.fr", "Lab.Example", "www.lab.example", ".x", "a..b", "x-y.example", "xn--lab-rhne-93a.example.fr",
                        "lab.example.", "127.0.0.1", "[::1]", "user@lab.example", "lab.example:80", "lab.example:443",
                        "lab.example:8080", "lab_x.example", "", "é.example"]
    static let paths = ["", "/", "/evenements/e1-atelier", "/a%C3%A9", "/a%c3%a9", "/a%zz", "/a%2", "/a b", "/a|b", "/é", "/a/../b",
                        "/~x_y.z", "/a+b", "/a;b", "/a:b", "/a,b", "/a(b)", "/a=b&c", "//a", "/a?"]
    static let queries = ["", "?", "?a=1", "?a=1&b=2", "?b=2&a=1", "?a&b", "?b&a", "?a=&b=", "?utm_source=x", "?a=1&utm_medium=y",
                          "?fbclid=1", "?a=1&&b=2", "?a=1&", "?&a=1", "?=1", "?a=b=c", "?a=%20", "?a=%2", "?a=x+y", "?A=1&a=2",
                          "?a=1&A=2", "?a=é", "?q=a%2Fb", "?a=1&a=0", "?a b=1", "?a=1;b=2", "?a.b_c~d-e=1"]
    static let fragments = ["", "#top", "#"]

    @Test func theFastPathGivesWhatURLComponentsGives() {
        var fast = 0, total = 0
        for scheme in Self.schemes {
            for host in Self.hosts {
                for path in Self.paths {
                    for query in Self.queries {
                        for fragment in Self.fragments {
                            let url = scheme + host + path + query + fragment
                            total += 1
                            if CanonicalURL.alreadyCanonical(url) { fast += 1 }
                            #expect(CanonicalURL.canonical(url) == CanonicalURL.componentsCanonical(url), "\(url)")
                        }
                    }
                }
            }
        }
        #expect(fast > 500 && fast < total / 10)  // the fast path was taken, and not for everything
        for padded in [" https://lab.example/a", "https://lab.example/a\n", "\thttps://lab.example/a ", ""] {
            #expect(CanonicalURL.canonical(padded) == CanonicalURL.componentsCanonical(padded))
        }
    }

    @Test func theMatchKeyFastPathGivesWhatTheGeneralCodeGives() {
        let hosts = Self.hosts + ["WWW.Lab.Example", "www.", "wWw.x", "www.lab.example.:80", "lab.example.:443", "x:8443", "www.:80",
                                  "w.x", "www", "lab.example:80.", "a@b:80"]
        let fragments = Self.fragments + ["#a?b", "#a b", "#@x", "#/"]
        var fast = 0, total = 0
        for scheme in Self.schemes {
            for host in hosts {
                for path in Self.paths + ["/a/", "//", "/a#b/"] {
                    for query in ["", "?", "?a=1", "?utm_source=x"] {
                        for fragment in fragments {
                            let url = scheme + host + path + query + fragment
                            total += 1
                            if let key = CanonicalURL.plainMatchKey(url) {
                                fast += 1
                                #expect(key == CanonicalURL.generalMatchKey(url), "\(url)")
                            }
                            #expect(CanonicalURL.matchKey(url) == CanonicalURL.generalMatchKey(url), "\(url)")
                        }
                    }
                }
            }
        }
        #expect(fast > 2_000 && fast < total / 4)  // the fast path was taken, and not for everything
        for url in ["https://ti-lab.example.fr/evenements/e6398-atelier", "http://www.lab.fr/ev/", "https://lab.example",
                    "https://xn--lab-rhne-93a.example.fr/evenements/e3389-s%C3%A9minaire#top"] {
            #expect(CanonicalURL.plainMatchKey(url) != nil, "\(url)")
        }
        #expect(CanonicalURL.plainMatchKey("http://www.lab.fr/ev/") == "lab.fr/ev")
        for url in [" https://lab.example/a", "https://lab.example/a?b=1", "HTTPS://lab.example/", "https://u@lab.example/", "urn:x", "",
                    "https://lab.example/é", "http://a"] {
            #expect(CanonicalURL.plainMatchKey(url) == nil, "\(url)")
            #expect(CanonicalURL.matchKey(url) == CanonicalURL.generalMatchKey(url), "\(url)")
        }
    }

    @Test func thePlainURLsSourcesPublishTakeTheFastPath() {
        for url in ["https://ti-lab.example.fr/evenements/e6398-atelier", "https://xn--lab-rhne-93a.example.fr/evenements/e3389-s%C3%A9minaire",
                    "http://lab.example/agenda/?id=12&page=2", "https://lab.example/"] {
            #expect(CanonicalURL.alreadyCanonical(url), "\(url)")
            #expect(CanonicalURL.componentsCanonical(url) == url)
        }
        for url in ["HTTPS://lab.example/", "https://lab.example", "https://lab.example:443/", "https://lab.example/?b=1&a=2",
                    "https://lab.example/?utm_source=x", "https://lab.example/#top", " https://lab.example/"] {
            #expect(!CanonicalURL.alreadyCanonical(url), "\(url)")
            #expect(CanonicalURL.componentsCanonical(url) != url)
        }
    }
}

// FeedNamespace: the byte comparison that replaced String namespace URIs in the feed readers
// must name exactly the URIs of FeedNS, and nothing that merely resembles one.

@testable import LabfeedParse
import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct FeedNamespaceTests {
    static let known: [(String, FeedNamespace)] = [
        (FeedNS.atom, .atom), (FeedNS.atom03, .atom03), (FeedNS.rdf, .rdf), (FeedNS.rss1, .rss1),
        (FeedNS.rss090, .rss090), (FeedNS.userland, .userland), (FeedNS.harvard, .harvard), (FeedNS.dc, .dc),
        (FeedNS.dcterms, .dcterms), (FeedNS.content, .content), (FeedNS.media, .media), (FeedNS.event, .event),
        (FeedNS.xcal, .xcal), (FeedNS.gd, .gd), (FeedNS.xhtml, .xhtml), (FeedNS.itunes, .itunes),
    ]

    /// The namespace of `<x:e>` with `x` bound to `uri`.
    private func classify(_ uri: String) throws -> FeedNamespace {
        let xml = #"<root><x:e xmlns:x="\#(uri)"/></root>"#
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        return FeedNamespace(try #require(doc.root?.elements.first))
    }

    @Test func everyKnownURIIsNamedExactly() throws {
        for (uri, kind) in Self.known {
            #expect(try classify(uri) == kind, "\(uri)")
            #expect(try classify(uri + "x") == .other, "\(uri)x")
            #expect(try classify(String(uri.dropLast())) == .other, "\(uri) shortened")
            #expect(try classify(uri.uppercased()) == .other, "\(uri) upper-cased")
        }
    }

    @Test func noNamespaceIsCoreRSSAndAtom() throws {
        let doc = try MarkupDocument.xml(Array("<root><e/></root>".utf8))
        let e = try #require(doc.root?.elements.first)
        #expect(FeedNamespace(e) == FeedNamespace.none)
        #expect(FeedNamespace(e).isCoreRSS && FeedNamespace(e).isAtomOrNone)
        #expect(try classify(FeedNS.harvard).isCoreRSS)
        #expect(try !classify(FeedNS.atom).isCoreRSS)
        #expect(try classify(FeedNS.atom03).isAtomOrNone)
        #expect(try !classify(FeedNS.dc).isAtomOrNone)
    }

    /// The word-at-a-time comparison against `elementsEqual`, on pseudo-random byte strings of
    /// 0-40 bytes differing (or not) at one random place, so every tail length is met.
    @Test func wordComparisonEqualsElementwiseComparison() {
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var equal = 0
        for _ in 0..<4000 {
            let count = random.next(41)
            let a = (0..<count).map { _ in UInt8(random.next(4) + 0x61) }
            var b = a
            if count > 0, random.next(2) == 0 { b[random.next(count)] = UInt8(random.next(4) + 0x61) }
            let same = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    count == 0 || FeedNamespace.same(pa.baseAddress!, pb.baseAddress!, count)
                }
            }
            #expect(same == a.elementsEqual(b), "\(a) \(b)")
            if same { equal += 1 }
        }
        #expect(equal > 1000 && equal < 3900)  // both answers were met often
    }
}

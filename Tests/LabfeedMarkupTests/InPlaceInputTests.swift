// HTML handed to libxml2 as UTF-8 or ISO-8859-1 is read in place (`cxml_html_read_in_place`:
// the caller's bytes go straight to libxml2's built-in converter) instead of being copied into
// libxml2's buffer first by `htmlCtxtReadMemory`, the reference (`parse(...inPlace: false)`).
// Everything a reader can see of the parse must be the same: tree, text, diagnostics, decision,
// reported encoding, on every route a page can take (UTF-8 declared, sent or found by content,
// false UTF-8 read again, Latin-1, windows-1252 with C1 bytes, byte-order marks, tiny pages).

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct InPlaceInputTests {
    private func view(_ bytes: [UInt8], charset: String?, inPlace: Bool) -> [String] {
        do {
            let doc = try MarkupDocument.parse(bytes, syntax: .html, url: "https://lab.example.fr/p", charset: charset,
                                               builtinLatin1: true, inPlace: inPlace)
            return [doc.root?.outerMarkup ?? "-", doc.root?.text ?? "-", "\(doc.charset)", doc.declaredEncoding ?? "-",
                    doc.url ?? "-", "\(doc.diagnosticCount)"] + doc.diagnostics.map { "\($0)" }
        } catch {
            return ["error: \(error)"]
        }
    }

    private func expectSame(_ bytes: [UInt8], charset: String? = nil, _ label: String) {
        let inPlace = view(bytes, charset: charset, inPlace: true)
        let copied = view(bytes, charset: charset, inPlace: false)
        #expect(inPlace == copied, "\(label)")
    }

    private func latin1(_ s: String) -> [UInt8] { s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

    @Test func utf8AndLatin1PagesOfFourBytesOrMoreAreReadInPlace() {
        #expect(MarkupDocument.readsInPlace(encoding: "UTF-8", count: 4))
        #expect(MarkupDocument.readsInPlace(encoding: "ISO-8859-1", count: 70_000))
        #expect(!MarkupDocument.readsInPlace(encoding: "UTF-8", count: 3))
        for other in ["windows-1252", "UTF-16LE", "ISO-8859-15", "SHIFT_JIS", "utf-8"] {
            #expect(!MarkupDocument.readsInPlace(encoding: other, count: 100))
        }
        // The encodings the corpus's pages are handed over in.
        let utf8 = Charset.libxml2Encoding(for: Charset.decide(Array("<p>été</p>".utf8), http: nil, html: true), bytes: [])
        let latin = Charset.libxml2Encoding(for: Charset.decide(latin1("<p>été</p>"), http: nil, html: true), bytes: latin1("<p>été</p>"))
        #expect(utf8 == "UTF-8" && latin == "ISO-8859-1")
    }

    @Test func pagesOnEveryEncodingRouteReadTheSame() {
        let text = "Journée de l'innovation à Limoges — « atelier » 😀 &amp; &eacute; <b>gras</b>"
        let pages: [(String, [UInt8], String?)] = [
            ("declared UTF-8", Array("<html><head><meta charset=\"utf-8\"><title>t</title></head><body><p>\(text)</p></body></html>".utf8), nil),
            ("sent UTF-8", Array("<p class=\"é\">\(text)</p>".utf8), "utf-8"),
            ("UTF-8 by content", Array("<div><p>\(text)</p><section>x</section></div>".utf8), nil),
            ("false UTF-8", latin1("<html><head><meta charset=\"utf-8\"></head><body><p>Journée à Noël</p></body></html>"), nil),
            ("Latin-1", latin1("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Journée à Noël ÿ</p></body></html>"), nil),
            ("windows-1252 with C1", latin1("<p>l") + [0x92] + latin1("innovation, 5 ") + [0x80] + latin1(" à Noël</p>"), "windows-1252"),
            ("UTF-8 BOM", [0xEF, 0xBB, 0xBF] + Array("<p>\(text)</p>".utf8), nil),
            ("UTF-8 BOM, sent UTF-8", [0xEF, 0xBB, 0xBF] + Array("<p>\(text)</p>".utf8), "utf-8"),
            ("UTF-16LE BOM", [0xFF, 0xFE] + "<p>été</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, nil),
            ("NUL bytes", Array("<p>a".utf8) + [0, 0x62, 0] + Array("c</p>".utf8), nil),
            ("no markup", Array("plain text, no tag at all, é".utf8), nil),
            ("cut sequence at the end", Array("<p>abc</p>".utf8) + [0xC3], "utf-8"),
        ]
        for (label, bytes, charset) in pages { expectSame(bytes, charset: charset, label) }
    }

    /// Pages of one to eight bytes: below four bytes the copy is made (the in-place read needs
    /// four), from four on the bytes are read in place; both give the same.
    @Test func tinyPagesReadTheSame() {
        let shapes: [[UInt8]] = [Array("x".utf8), Array("<p>".utf8), Array("<p>a".utf8), Array("é".utf8), Array("aé".utf8), [0xE9],
                                 [0x61, 0xE9], Array("<b>é</b>".utf8), [0xEF, 0xBB, 0xBF, 0x61], Array("\u{FEFF}<p>".utf8)]
        for bytes in shapes {
            for charset in [nil, "utf-8", "iso-8859-1", "windows-1252"] {
                expectSame(bytes, charset: charset, "\(bytes) \(charset ?? "-")")
            }
        }
    }

    @Test func randomPagesReadTheSame() {
        var random = Xorshift64(seed: 0x1A9C_E000_0000_0001)
        let pieces = ["<p>", "</p>", "<div class=\"é x\">", "</div>", "<a href=\"/lab-rhône\">", "</a>", "&amp;", "&eacute;", "&#233;",
                      "<br>", "<script>var s = '<p>';</script>", "<!-- é -->", "<meta charset=\"utf-8\">", "<meta charset=\"latin1\">",
                      " ", "\n", "Journée", "été 2026", "😀", "<table><tr><td>", "</td></tr></table>", "<unknowntag>"]
        for round in 0..<60 {
            var bytes: [UInt8] = round % 3 == 0 ? Array("<html><head><meta charset=\"utf-8\"></head><body>".utf8) : []
            let target = round < 6 ? 70_000 : random.next(2_000) + 1
            while bytes.count < target {
                switch random.next(10) {
                case 0: bytes.append(UInt8(truncatingIfNeeded: random.next()))
                case 1, 2: bytes += Array(random.element(of: pieces).utf8)
                default: bytes.append(UInt8(0x20 + random.next(0x5F)))
                }
            }
            expectSame(bytes, charset: random.element(of: [nil, "utf-8", "iso-8859-1", "windows-1252"]), "random page \(round)")
        }
    }
}

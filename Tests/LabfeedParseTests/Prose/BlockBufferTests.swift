// The block builder's one text buffer (branch pageperf26): blocks gathered and collapsed in place
// at the end of the buffer the page is then given whole, short blocks on the page too, against
// stores of their own (the String each block had); and the main-content finder's counts, filled
// through buffers in fewer passes, against the passes they replace (kept here as the
// reference). Hand-written pages, the prose fixtures and pseudo-random pages (fixed seeds,
// bounded counts).

import Foundation
import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct BlockBufferTests {
    /// A page given its buffer whole: each span answers as a store of its own, read in any
    /// order, whatever lies between the spans (the white space left after a block's core).
    @Test func pageFilledWholeAnswersAsStoresOfTheirOwn() {
        var random = Xorshift64(seed: 0x5EED_B10C_0026_0001)
        let pieces = ["a", "Le 8 novembre", " ", "é", "日本", "😀", "12", "\n", "café crème", "x", "-- |", "\u{A0}", "1er"]
        for _ in 0..<30 {
            var bytes: [UInt8] = Array(repeating: 0x20, count: random.next(3))
            var texts: [String] = []
            var spans: [(Int32, Int32)] = []
            for _ in 0..<(1 + random.next(80)) {
                var text = ""
                for _ in 0..<random.next(12) { text += random.element(of: pieces) }
                let start = bytes.count
                bytes += Array(text.utf8)
                spans.append((Int32(start), Int32(bytes.count)))
                texts.append(text)
                bytes += Array(repeating: 0x20, count: random.next(3))
            }
            let page = BlockTextPage()
            let stores = spans.indices.map { k in BlockTextStore(page: page, start: spans[k].0, end: spans[k].1, slot: Int32(k)) }
            page.fill(bytes: bytes, blocks: Int32(stores.count))
            for _ in 0..<2 {
                for k in stores.indices.shuffled(using: &random) {
                    let own = BlockTextStore(string: texts[k])
                    #expect(stores[k].string == texts[k], "\(texts[k].debugDescription)")
                    #expect(stores[k].utf8Count == own.utf8Count)
                    #expect(stores[k].hasDigit == own.hasDigit)
                    #expect(stores[k].containsWordScalar == own.containsWordScalar)
                    for n in [1, 3, 16] { #expect(stores[k].hasAtLeast(characters: n) == own.hasAtLeast(characters: n)) }
                    #expect(stores[k].withBytes { Array($0) } == Array(texts[k].utf8))
                }
            }
        }
    }

    /// Every block the builder makes reads as its collapsed text, on the page's buffer: its
    /// String, length, digit, word scalar and Character counts as a store of its own gives
    /// them, short blocks included; its lead-in and link text collapsed.
    @Test func htmlBlocksAnswerAsStoresOfTheirOwn() throws {
        for html in try Self.pages() {
            let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
            let finder = MainContentFinder(tree: tree)
            var builder = HTMLBlockBuilder(tree: tree, finder: finder, main: finder.choose().0)
            let blocks = builder.build()
            for k in blocks.indices.reversed() {
                let text = blocks[k].text
                let own = BlockTextStore(string: text)
                #expect(text == text.collapsingSpaces(keepLines: true) && own.containsWordScalar, "\(text.debugDescription)")
                #expect(blocks[k].store.utf8Count == own.utf8Count)
                #expect(blocks[k].store.hasDigit == own.hasDigit)
                #expect(blocks[k].store.containsWordScalar)
                for n in [1, 3, 16, 61, 200, 501] {
                    #expect(blocks[k].store.hasAtLeast(characters: n) == own.hasAtLeast(characters: n), "\(text.debugDescription)")
                }
                #expect(blocks[k].store.withBytes { Array($0) } == Array(text.utf8))
                for run in [blocks[k].leadIn, blocks[k].linkText].compactMap({ $0 }) {
                    #expect(run == run.collapsingSpaces() && run.count >= 3, "\(run.debugDescription)")
                }
                if let link = blocks[k].link {
                    #expect(!link.hasPrefix("#") && !link.lowercased().hasPrefix("javascript:") && !link.lowercased().hasPrefix("mailto:"))
                }
            }
        }
    }

    /// The texts of a hand-written page's blocks, short ones and links included (the links
    /// to a fragment, a script or an address are not the block's).
    @Test func htmlBlocksKeepTheirTextsAndLinks() throws {
        let html = """
            <html><body><main><h2> 12 </h2><p>a<b>b</b> <i>c</i></p><p>   </p><p> | </p>
            <ul><li><a href="#top">Haut de page</a></li><li><a href="JavaScript:void(0)">Menu  principal</a></li>
            <li><a href="mailto:a@b.fr">Écrire</a></li><li><a href="/agenda">  Agenda \n du mois </a> et plus</li></ul>
            <p><strong>Atelier</strong> : le 8 novembre</p><table><tr><td> x </td><td>y  z</td></tr></table></main></body></html>
            """
        let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
        let finder = MainContentFinder(tree: tree)
        var builder = HTMLBlockBuilder(tree: tree, finder: finder, main: finder.choose().0)
        let blocks = builder.build()
        #expect(blocks.map(\.text) == ["12", "ab c", "Haut de page", "Menu principal", "Écrire", "Agenda\ndu mois et plus",
                                       "Atelier : le 8 novembre", "x | y z"])
        #expect(blocks.map(\.link) == [nil, nil, nil, nil, nil, "/agenda", nil, nil])
        #expect(blocks[5].linkText == "Agenda du mois")
        #expect(blocks[6].leadIn == "Atelier")
    }

    /// The byte test of a link's "#" against `hasPrefix("#")` on the Characters: "#" joined by
    /// combining marks, variation selectors and zero-width joiners, other scalars first, and
    /// pseudo-random joins.
    @Test func hashPrefixOnBytesMatchesTheCharacters() {
        var random = Xorshift64(seed: 0x5EED_B10C_0026_0003)
        let pieces = ["#", "a", "/", " ", "\u{301}", "\u{FE0F}", "\u{20E3}", "\u{200D}", "\r\n", "\n", "é", "＃", "😀", "\u{A0}", "x#"]
        var texts = ["", "#", "##", "#top", "#\u{301}", "#\u{FE0F}\u{20E3}", "#\u{200D}a", "＃", "\u{301}#", " #", "/#"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(5) { text += random.element(of: pieces) }
            texts.append(text)
        }
        for text in texts {
            #expect(HTMLBlockBuilder.hasHashPrefix(text) == text.hasPrefix("#"), "\(text.debugDescription)")
        }
    }

    /// The finder's arrays as the passes it replaces give them.
    @Test func mainContentCountsMatchTheReference() throws {
        for html in try Self.pages() {
            let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
            let finder = MainContentFinder(tree: tree)
            let reference = Self.referenceCounts(tree)
            #expect(finder.zoneOf == reference.zoneOf)
            #expect(finder.plain == reference.plain)
            #expect(finder.linked == reference.linked)
            #expect(finder.holdsMain == reference.holdsMain)
            #expect(finder.inZone == reference.inZone)
        }
    }

    /// The finder's arrays as its init filled them before (pageperf26): the reference.
    static func referenceCounts(_ tree: HTMLTree)
        -> (zoneOf: [ProseZone?], plain: [Int], linked: [Int], holdsMain: [Bool], inZone: [Bool]) {
        let n = tree.elements.count
        var zoneOf = [ProseZone?](repeating: nil, count: n)
        var plain = Array(repeating: 0, count: n)
        var linked = Array(repeating: 0, count: n)
        var holdsMain = Array(repeating: false, count: n)
        var inZone = Array(repeating: false, count: n)
        let elements = tree.elements
        func marksArticle(_ i: Int) -> Bool { elements[i].tag == .article || elements[i].tag == .main || elements[i].role == "main" }
        var inLink = Array(repeating: false, count: n)
        for i in 0..<n { inLink[i] = elements[i].tag == .a || (elements[i].parent.map { inLink[$0] } ?? false) }
        var underArticle = Array(repeating: false, count: n)
        for i in 0..<n {
            if let p = elements[i].parent { underArticle[i] = underArticle[p] || marksArticle(p) }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let parent = elements[i].parent
            let own = elements[i].visibleText
            if inLink[i] { linked[i] += own } else { plain[i] += own }
            if marksArticle(i) { holdsMain[i] = true }
            if i != tree.body, let (zone, strong) = MainContentFinder.classify(i, tree, insideArticle: underArticle[i]),
               strong || !holdsMain[i] {
                zoneOf[i] = zone
            }
            if let p = parent, zoneOf[i] == nil {
                plain[p] += plain[i]
                linked[p] += linked[i]
            }
            if let p = parent, holdsMain[i] { holdsMain[p] = true }
        }
        for i in 0..<n { inZone[i] = zoneOf[i] != nil || (elements[i].parent.map { inZone[$0] } ?? false) }
        return (zoneOf, plain, linked, holdsMain, inZone)
    }

    /// The prose fixtures' pages and pseudo-random nested pages: boilerplate and content marks,
    /// links, bold runs, cells and line breaks around the text pieces whose joins stress the
    /// collapsing (``TextScanTests/randomPiece(_:)``).
    static func pages() throws -> [String] {
        var pages: [String] = []
        let directory = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/prose")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".html") {
            pages.append(String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self))
        }
        var random = Xorshift64(seed: 0x5EED_B10C_0026_0002)
        let opens = ["<div>", "<div class=\"entry-content\">", "<main>", "<article>", "<div role=\"main\">", "<nav>", "<aside>",
                     "<footer>", "<header>", "<div class=\"sidebar\">", "<div class=\"comments\">", "<section class=\"agenda\">",
                     "<form>", "<div class=\"content-sidebar-wrap\">", "<ul>", "<table>"]
        func element(_ depth: Int) -> String {
            var s = ""
            for _ in 0..<random.next(5) {
                switch random.next(depth > 4 ? 4 : 6) {
                case 0: s += "<p>" + inline() + "</p>"
                case 1: s += "<li>" + inline() + "</li>"
                case 2: s += inline()
                case 3:
                    let level = 1 + random.next(3)
                    s += "<h\(level)>" + inline() + "</h\(level)>"
                case 4: s += "<tr><td>" + inline() + "</td><td>" + inline() + "</td></tr>"
                default:
                    let open = random.element(of: opens)
                    let name = open.dropFirst().prefix { $0 != " " && $0 != ">" }
                    s += open + element(depth + 1) + "</\(name)>"
                }
            }
            return s
        }
        func inline() -> String {
            var s = ""
            for _ in 0..<(1 + random.next(4)) {
                let piece = TextScanTests.randomPiece(&random)
                switch random.next(6) {
                case 0: s += "<a href=\"" + random.element(of: ["/x", "#", "#top", "mailto:x@y.fr", "JAVASCRIPT:go()", "https://a.fr/"]) + "\">" + piece + "</a>"
                case 1: s += "<b>" + piece + "</b>"
                case 2: s += "<span>" + piece + "</span><br>"
                case 3: s += "<time datetime=\"2026-11-08\">" + piece + "</time>"
                default: s += piece
                }
            }
            return s
        }
        for _ in 0..<60 { pages.append("<html><body>" + element(0) + "</body></html>") }
        return pages
    }
}

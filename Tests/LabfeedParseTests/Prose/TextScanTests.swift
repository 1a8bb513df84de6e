// The one scan of a text node's bytes (branch pageperf10) against the three slow paths it
// replaces, kept as the references: `Charset.isValidUTF8` (the tree copy's check),
// `MainContentFinder.visibleCount` (main content's count) and `String.collapsedCore` (the block
// builder's scan of each block, which `CollapseTracker` now finds from its pieces' shapes).
// Hand-picked edge cases and pseudo-random bytes and joins (fixed seeds, bounded counts).

import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct TextScanTests {
    /// Pieces whose joins stress the collapsing: every white space scalar the collapsing knows,
    /// a control character, scalars that share their lead bytes with white space (U+0080,
    /// U+00A9, U+1680's neighbours, U+2010, U+2060, U+3001), runs of eight and more bytes.
    static let pieces: [String] = [
        "", " ", "  ", "a", "é", "ab cd", "abcdefgh", "abcdefg ", " bcdefgh", "abc  fgh", "a b c d e f g h i",
        "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}", "\u{80}", "\u{A9}",
        "\u{1680}", "\u{1681}", "\u{167F}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2010}", "\u{2028}", "\u{2029}",
        "\u{202F}", "\u{205F}", "\u{2060}", "\u{3000}", "\u{3001}", "日本", "😀", "n°", "Le 8 novembre 2026",
        "        ", "12345678 ", " 12345678", "abcdefgh  ", "  abcdefgh", "a       b", "abcdefgh\nijklmnop",
        "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz", "café  crème", "x\u{A0}y", "x \u{A0}y", " | ",
    ]

    static func randomPiece(_ random: inout Xorshift64) -> String {
        var s = ""
        for _ in 0..<random.next(14) {
            // Long plain runs now and then, so the eight-byte path meets every alignment.
            if random.next(4) == 0 {
                s += String(repeating: random.element(of: ["abcdefgh", "a b c d ", "ab  cd  ", "1234 678"]), count: 1 + random.next(3))
            } else {
                s += random.element(of: pieces)
            }
        }
        return s
    }

    @Test func scanMatchesTheSlowPathsOnValidText() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0001)
        let texts = Self.pieces + (0..<3_000).map { _ in Self.randomPiece(&random) }
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                guard let result = TextScan.scan(b) else {
                    Issue.record("valid text refused: \(text.debugDescription)")
                    return
                }
                #expect(result.shape == TextShape.of(b), "\(text.debugDescription)")
                #expect(result.visible == MainContentFinder.visibleCount(b), "\(text.debugDescription)")
            }
        }
    }

    @Test func scanRefusesExactlyWhatTheUTF8CheckRefuses() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0002)
        // Ill-formed and edge sequences: cut, overlong, surrogates, past U+10FFFF, lone
        // continuation bytes, each at every position of an eight-byte window.
        let odd: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80], [0xE0, 0xA0], [0xED, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xE1, 0x9A], [0xE2, 0x80], [0xE3, 0x80, 0x41],
        ]
        var inputs: [[UInt8]] = []
        for seq in odd {
            for pad in 0..<9 {
                inputs.append(Array(repeating: 0x61, count: pad) + seq + Array(repeating: 0x20, count: 9 - pad))
            }
        }
        for _ in 0..<3_000 {
            var bytes = Array(Self.randomPiece(&random).utf8)
            for _ in 0..<random.next(3) {
                let at = bytes.isEmpty ? 0 : random.next(bytes.count + 1)
                bytes.insert(random.next(2) == 0 ? UInt8(random.next(256)) : random.element(of: [0x80, 0xC2, 0xE2, 0xED, 0xF4]), at: at)
            }
            inputs.append(bytes)
        }
        for bytes in inputs {
            let valid = Charset.isValidUTF8(bytes)
            bytes.withUnsafeBufferPointer { b in
                let result = TextScan.scan(b)
                #expect((result != nil) == valid, "\(bytes)")
                if let result {
                    #expect(result.shape == TextShape.of(b), "\(bytes)")
                    #expect(result.visible == MainContentFinder.visibleCount(b), "\(bytes)")
                }
            }
        }
    }

    /// The tracker fed the pieces' shapes gives the core `String.collapsedCore` finds on the
    /// join, or nil exactly when it finds none.
    @Test func trackerFindsTheCollapsedCoreOfTheJoin() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0003)
        var joins: [[String]] = Self.pieces.map { [$0] }
        for a in Self.pieces { for b in Self.pieces { joins.append([a, b]) } }
        for _ in 0..<3_000 { joins.append((0..<random.next(6)).map { _ in Self.randomPiece(&random) }) }
        for join in joins {
            var tracker = CollapseTracker()
            var bytes: [UInt8] = []
            for piece in join {
                let b = Array(piece.utf8)
                tracker.add(TextShape.of(b), at: bytes.count, count: b.count)
                bytes += b
            }
            let reference = bytes.withUnsafeBufferPointer { String.collapsedCore($0) }
            #expect(tracker.core == reference, "\(join.map(\.debugDescription))")
            // And the store made from the known core is the scanned one's.
            bytes.withUnsafeBufferPointer { b in
                let known = String.collapsedStore(b, keepLines: true, core: tracker.core)
                #expect(known.string == String.collapsingSpaces(b, keepLines: true), "\(join.map(\.debugDescription))")
            }
        }
    }

    @Test func whiteSpaceAtAnEndPastSixtyFourKilobytesIsScanned() {
        let long = String(repeating: " ", count: 70_000)
        for text in [long + "a", "a" + long, long] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                let shape = TextShape.of(b)
                #expect(TextScan.scan(b)?.shape == shape)
                var tracker = CollapseTracker()
                tracker.add(shape, at: 0, count: b.count)
                if text == long {
                    #expect(tracker.core == 0..<0)
                } else {
                    #expect(shape.isDirty)
                    #expect(tracker.core == nil)
                }
                #expect(String.collapsedStore(b, keepLines: true, core: tracker.core).string == "a" || text == long)
            }
        }
    }

    /// The tree keeps each text node's shape and each element's visible count as the slow paths
    /// give them on its bytes, and the blocks read as their collapsed text.
    @Test func treeSpansAndCountsMatchTheSlowPaths() throws {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0004)
        var pages = [
            """
            <html><body><main><h1>  Atelier   design </h1>
            <p>Le 8&nbsp;novembre <b>caf\u{E9}</b>  \t &amp; <i>\u{1F600}</i><br>fin   de   journ\u{E9}e</p>
            <table><tr><td> a </td><td>b  c</td></tr></table><p>x<span> </span>y<span>  </span>z</p></main></body></html>
            """,
        ]
        for _ in 0..<40 {
            var body = ""
            for _ in 0..<random.next(30) {
                let tag = random.element(of: ["p", "span", "b", "div", "li", "td", "a", "h2"])
                body += "<\(tag)>" + Self.randomPiece(&random) + "</\(tag)>"
                if random.next(3) == 0 { body += random.element(of: ["<br>", " ", "\n", "&nbsp;", "x"]) }
            }
            pages.append("<html><body><main>\(body)</main></body></html>")
        }
        for html in pages {
            let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
            let tree = HTMLTree(document: document)
            tree.textBytes.withUnsafeBufferPointer { text in
                for i in tree.elements.indices {
                    var visible = 0
                    for child in tree.children(of: i) {
                        guard case .text(let span) = child else { continue }
                        let b = UnsafeBufferPointer(rebasing: text[span.range])
                        #expect(span.shape == TextShape.of(b))
                        visible += MainContentFinder.visibleCount(b)
                    }
                    #expect(tree.elements[i].visibleText == visible)
                }
            }
            // The reference: the same tree with every shape unknown, so each block is scanned.
            var scanned = tree
            scanned.childList = tree.childList.map { child in
                guard case .text(var span) = child else { return child }
                span.shape = .dirty
                return .text(span)
            }
            let finder = MainContentFinder(tree: tree)
            let main = finder.choose().0
            var builder = HTMLBlockBuilder(tree: tree, finder: finder, main: main)
            var reference = HTMLBlockBuilder(tree: scanned, finder: MainContentFinder(tree: scanned), main: main)
            let blocks = builder.build()
            #expect(blocks.map(\.text) == reference.build().map(\.text), "\(html.debugDescription)")
            #expect(!blocks.isEmpty || !html.contains("Atelier"))
        }
    }

    /// Byte classes the scan tells apart, each a short byte sequence: printable ASCII (letters,
    /// digits, DEL), U+0020, the other ASCII white space, controls and NUL, two-, three- and
    /// four-byte characters, every white space scalar past U+007F and their near neighbours,
    /// and ill-formed bytes (continuation bytes alone, cut and overlong sequences, surrogates).
    static let byteClasses: [[UInt8]] = [
        [0x61], [0x5A], [0x30], [0x7E], [0x7F], [0x20], [0x20, 0x20], [0x09], [0x0A], [0x0B], [0x0C], [0x0D], [0x00], [0x01],
        [0x08], [0x0E], [0x1F], [0xC3, 0xA9], [0xC2, 0xA0], [0xC2, 0x85], [0xC2, 0xA9], [0xC2, 0x80], [0xE1, 0x9A, 0x80],
        [0xE1, 0x9A, 0x81], [0xE2, 0x80, 0x80], [0xE2, 0x80, 0x8A], [0xE2, 0x80, 0x8B], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9],
        [0xE2, 0x80, 0xAF], [0xE2, 0x81, 0x9F], [0xE2, 0x81, 0xA0], [0xE3, 0x80, 0x80], [0xE3, 0x80, 0x81], [0xE6, 0x97, 0xA5],
        [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xBF], [0xC0, 0x80], [0xC2], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5], [0xFF],
    ]

    /// The scan and the byte loops it replaces (`Charset.isValidUTF8`, `TextShape.of`,
    /// `MainContentFinder.visibleCount`) on `bytes` placed at each of eight offsets in a larger
    /// buffer (every alignment of the eight-byte loads), the bytes around them never read.
    static func expectScanMatchesByteLoops(_ bytes: [UInt8]) {
        let valid = Charset.isValidUTF8(bytes)
        let reference = valid ? bytes.withUnsafeBufferPointer { TextScan.Result(shape: TextShape.of($0), visible: MainContentFinder.visibleCount($0)) } : nil
        for offset in 0..<8 {
            // Fenced with bytes that would change every answer if read: a kept letter, a
            // control and an ill-formed byte.
            let padded = Array(repeating: 0xFF, count: offset) + bytes + [0x61, 0x01, 0xFF, 0x20, 0x20, 0x61, 0x80, 0x09]
            padded.withUnsafeBufferPointer { whole in
                let b = UnsafeBufferPointer(rebasing: whole[offset..<(offset + bytes.count)])
                let result = TextScan.scan(b)
                #expect(result == reference, "\(bytes) at offset \(offset)")
            }
        }
    }

    /// Every length from 0 to 70, each at every alignment, from every byte class and from mixes
    /// weighted to plain text, white space heavy text and ill-formed bytes.
    @Test func scanMatchesTheByteLoopsAtEveryLengthAndAlignment() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0005)
        let classes = Self.byteClasses
        for length in 0...70 {
            // One class repeated, cut to the length (a cut sequence at the end included).
            for c in classes {
                Self.expectScanMatchesByteLoops(Array(Array(repeating: c, count: length).joined().prefix(length)))
            }
            for round in 0..<24 {
                var bytes: [UInt8] = []
                while bytes.count < length {
                    switch round % 4 {
                    case 0: bytes += random.next(6) == 0 ? random.element(of: classes) : [UInt8(0x20 + random.next(0x5F))]
                    case 1: bytes += random.element(of: [[0x20], [0x20], [0x61], [0x62], [0x09], [0x0A], [0xC2, 0xA0], [0xC3, 0xA9], [0xE2, 0x80, 0xAF]])
                    case 2: bytes += [random.element(of: [0x20, 0x61, 0x62] as [UInt8])]
                    default: bytes += random.element(of: classes)
                    }
                }
                Self.expectScanMatchesByteLoops(Array(bytes.prefix(length)))
            }
        }
    }

    /// Random bytes from Xorshift64: any byte, ASCII only (controls included), and the bytes of
    /// white space and letters only, up to 300 bytes.
    @Test func scanMatchesTheByteLoopsOnRandomBytes() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0006)
        for round in 0..<3_000 {
            let length = random.next(300)
            let bytes: [UInt8] = (0..<length).map { _ in
                switch round % 3 {
                case 0: UInt8(truncatingIfNeeded: random.next())
                case 1: UInt8(random.next(0x80))
                default: random.element(of: [0x20, 0x20, 0x20, 0x61, 0x09, 0x0A, 0x0D, 0xC2, 0xA0] as [UInt8])
                }
            }
            Self.expectScanMatchesByteLoops(bytes)
        }
    }

    /// Long texts (up to 6,000 bytes: past the 255 words between two sums of the spaces) of
    /// printable ASCII, space-heavy or not, with a few characters of every class inserted.
    @Test func scanMatchesTheByteLoopsOnLongTexts() {
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0007)
        for round in 0..<120 {
            let spaceEvery = 1 + random.next(round % 2 == 0 ? 3 : 12)
            var bytes: [UInt8] = (0..<(2_000 + random.next(4_000))).map { _ in
                random.next(spaceEvery) == 0 ? 0x20 : UInt8(0x21 + random.next(0x5F))
            }
            for _ in 0..<random.next(4) {
                bytes.insert(contentsOf: random.element(of: Self.byteClasses), at: random.next(bytes.count + 1))
            }
            Self.expectScanMatchesByteLoops(bytes)
        }
    }
    /// Two-byte characters in runs of printable ASCII (the words the scan reads whole, branch
    /// pageperf23): every lead byte C2-DF with continuation bytes at both ends of their range
    /// and the white space ones (C2 85, C2 A0), at every position of a 40-byte text, alone, in
    /// pairs, next to a space, a double space, a tab, a control and an ill-formed byte (a lead
    /// cut or followed by a lead, a lone continuation, C0/C1, a three-byte lead), and in long
    /// random French-like texts; against the byte loops at every alignment.
    @Test func scanMatchesTheByteLoopsOnTwoByteLettersInWords() {
        var letters: [[UInt8]] = []
        for lead in UInt8(0xC2)...0xDF {
            for second: UInt8 in [0x80, 0x85, 0xA0, 0xA9, 0xBF] { letters.append([lead, second]) }
        }
        let neighbours: [[UInt8]] = [
            [], [0x20], [0x20, 0x20], [0x09], [0x0A], [0x01], [0x7F], [0xC3], [0xC3, 0xC3, 0xA9], [0xA9], [0xC0, 0x80], [0xC1, 0xBF],
            [0xE2, 0x80, 0xAF], [0xE2, 0x80, 0x99], [0xC3, 0xA9, 0xC3, 0xA8], [0xC3, 0x41], [0xDF], [0xE0, 0xA0, 0x80],
        ]
        let text = Array("Le laboratoire d'innovation publique.".utf8)
        for letter in letters {
            for at in 0...text.count {
                var bytes = text
                bytes.insert(contentsOf: letter, at: at)
                Self.expectScanMatchesByteLoops(bytes)
            }
        }
        var random = Xorshift64(seed: 0x5EED_7E47_5CA4_0008)
        for neighbour in neighbours {
            for at in 0...text.count {
                var bytes = text
                bytes.insert(contentsOf: random.element(of: letters) + neighbour + random.element(of: letters), at: at)
                Self.expectScanMatchesByteLoops(bytes)
                bytes = text
                bytes.insert(contentsOf: neighbour + random.element(of: letters), at: at)
                Self.expectScanMatchesByteLoops(bytes)
            }
        }
        let words = ["le", "événement", "à", "créé", "été", "où", "ça", "Ça", "naïve", "Œuvre", "données", "x", "ĳ", "ß",
                     "\u{A0}", "«", "»", "  ", "\t", "\n"]
        for round in 0..<600 {
            var s = ""
            for _ in 0..<(1 + random.next(round % 3 == 0 ? 400 : 40)) {
                s += random.element(of: words)
                s += random.next(8) == 0 ? "" : " "
            }
            var bytes = Array(s.utf8)
            if round % 5 == 0 {
                bytes.insert(random.element(of: [0xC3, 0xA9, 0x80, 0x01, 0xC1, 0xFF] as [UInt8]), at: random.next(bytes.count + 1))
            }
            Self.expectScanMatchesByteLoops(bytes)
        }
    }
}

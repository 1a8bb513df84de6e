// A block's text kept as bytes and made a String on first read (branch pageperf8) against the
// String the block builder made before: the collapsed bytes against `collapsingSpaces`'s
// String, the word-scalar test on bytes against the String's scalars, and the store's answers
// (String, length, digit) against the String's, on the byte helpers' edge cases, the block
// joins' pieces and pseudo-random texts (fixed seeds, bounded counts).

import LabfeedMarkup
@testable import LabfeedParse
import Testing

struct BlockTextStoreTests {
    private static var texts: [String] {
        ByteTextTests.edgeCases + ByteTextTests.randomCases + BlockTextTests.pieces + BlockTextTests.randomTexts
            + ["123456789012345", "1234567890123456", "é234567890123456", "Le 8 novembre 2026", " -- | ", "\u{A0}\u{3000}", "日本", "😀 🇫🇷", "n° º ª", String(repeating: "a b\n", count: 300)]
    }

    @Test func collapsedBytesAreTheCollapsedStringsBytes() {
        for text in Self.texts {
            let bytes = Array(text.utf8)
            for keepLines in [false, true] {
                bytes.withUnsafeBufferPointer { b in
                    let old = String.collapsingSpaces(b, keepLines: keepLines)
                    let new = String.collapsedSpaces(b, keepLines: keepLines)
                    #expect(new == Array(old.utf8), "\(text.debugDescription) keepLines \(keepLines)")
                    let store = String.collapsedStore(b, keepLines: keepLines)
                    #expect(store.string == old, "\(text.debugDescription) keepLines \(keepLines)")
                    #expect(store.containsWordScalar == old.unicodeScalars.contains { Words.isWordScalar($0) }, "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func wordScalarTestOnBytesMatchesTheScalars() {
        for text in Self.texts {
            let old = text.unicodeScalars.contains { Words.isWordScalar($0) }
            let new = Array(text.utf8).withUnsafeBufferPointer { Words.containsWordScalar($0) }
            #expect(new == old, "\(text.debugDescription)")
        }
        // Every scalar alone, through the table and past it.
        for v in Array(0..<0x3100) + [0x4E00, 0xAC00, 0xFF10, 0x1F600, 0x1D7CE, 0x10FFFF] {
            guard let u = Unicode.Scalar(UInt32(v)) else { continue }
            let new = Array(String(u).utf8).withUnsafeBufferPointer { Words.containsWordScalar($0) }
            if new != Words.isWordScalar(u) {
                Issue.record("U+\(String(v, radix: 16)) differs")
                return
            }
        }
    }

    @Test func storeFromBytesAnswersAsTheString() {
        for text in Self.texts {
            let collapsed = text.collapsingSpaces(keepLines: true)
            let fromBytes = BlockTextStore(bytes: Array(collapsed.utf8))
            let fromString = BlockTextStore(string: collapsed)
            for store in [fromBytes, fromString] {
                #expect(store.utf8Count == collapsed.utf8.count, "\(text.debugDescription)")
                #expect(store.hasDigit == collapsed.utf8.contains { $0 &- 0x30 < 10 }, "\(text.debugDescription)")
                #expect(store.string == collapsed, "\(text.debugDescription)")
                // Read again: the kept String.
                #expect(store.string == collapsed, "\(text.debugDescription)")
            }
        }
    }

    @Test func htmlBlocksReadAsTheirCollapsedText() throws {
        let html = """
            <html><body><main><h1>  Atelier   design </h1>
            <p>Le 8&nbsp;novembre <b>caf\u{E9}</b>  \t &amp; <i>\u{1F600}</i><br>fin   de   journ\u{E9}e</p>
            <p> -- | </p><p>\u{65E5}\u{672C}</p><ul><li>Lieu :\t Nancy</li></ul></main></body></html>
            """
        let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
        let tree = HTMLTree(document: document)
        let finder = MainContentFinder(tree: tree)
        var builder = HTMLBlockBuilder(tree: tree, finder: finder, main: finder.choose().0)
        let blocks = builder.build()
        // The block with no word scalar (" -- | ") is dropped, as it was on its String.
        #expect(blocks.map(\.text) == ["Atelier design", "Le 8 novembre café & \u{1F600}\nfin de journée", "日本", "Lieu : Nancy"])
        #expect(blocks.map(\.store.utf8Count) == blocks.map(\.text.utf8.count))
        #expect(blocks.map(\.store.hasDigit) == [false, true, false, false])
    }
}

// TextFolding.fold on UTF-8 bytes (TextFolding.Folder) against the scalar-by-scalar folding it
// replaced (kept below as the reference): every scalar up to U+02FF alone and between letters,
// random texts of accents, ligatures, combining marks, other scripts and punctuation, and
// several texts folded one after the other against the fold of them joined by spaces.

import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct TextFoldingTests {
    /// `TextFolding.fold` as it was: the text's Unicode scalars one at a time.
    static func reference(_ text: String) -> String {
        var out: [UInt8] = []
        var space = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                    if space && !out.isEmpty { out.append(0x20) }
                    space = false
                    out.append(UInt8(v))
                } else if v >= 0x41 && v <= 0x5A {
                    if space && !out.isEmpty { out.append(0x20) }
                    space = false
                    out.append(UInt8(v + 0x20))
                } else {
                    space = true
                }
                continue
            }
            if v >= 0x300 && scalar.properties.canonicalCombiningClass != .notReordered { continue }
            let mapped = Array(TextFolding.foldScalar(scalar).utf8)
            if mapped.isEmpty {
                space = true
            } else {
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out += mapped
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func everyScalarUpToU2FFFoldsAsItsScalarDid() {
        for v in UInt32(0)...0x2FF {
            let c = String(Unicode.Scalar(v)!)
            for text in [c, "a" + c + "b", c + c + " É", "-" + c] {
                #expect(TextFolding.fold(text) == Self.reference(text), "U+\(String(v, radix: 16))")
            }
        }
    }

    static let palette: [String] = [
        "a", "Z", "0", "9", " ", "-", "'", "’", "é", "È", "ç", "œ", "Œ", "æ", "ß", "ÿ", "Ł", "ǅ", "ɏ", "Ɂ", "ȿ", "\u{A0}", "\u{AD}",
        "²", "½", "e\u{301}", "\u{301}", "\u{34F}", "\u{300}", "\u{2000}", "—", "İ", "\u{212A}", "Ａ", "ｚ", "α", "Ω", "я", "中",
        "٣", "🎉", "👍🏽", "\u{FFFD}", "\u{FEFF}", "\n", "\t", "\u{0}", "&", "<", "Ĳ", "ﬁ", "ǈ", "Ǳ", "ǆ",
    ]

    static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        var random = Xorshift64(seed: seed)
        return (0..<count).map { _ in (0..<random.next(12)).map { _ in palette[random.next(palette.count)] }.joined() }
    }

    @Test func randomTextsFoldAsTheirScalarsDid() {
        for text in Self.randomTexts(5_000, seed: 0xF01D) + ["", " ", "L’Innovation — Publique !", "  Atelier  d'été  "] {
            #expect(TextFolding.fold(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
        #expect(TextFolding.fold("L’Innovation — Publique !") == "l innovation publique")
    }

    /// The HTML writer copies folded text without escaping it (MarkupBytes.escapedFold).
    @Test func foldedTextNeedsNoMarkupEscaping() {
        let texts = Self.randomTexts(5_000, seed: 0xE5C) + (0...0x2FF).map { String(Unicode.Scalar($0)!) }
            + ["\u{FFFE}\u{FFFF}", "&<>\"'", "Ω≈ç√∫˜µ≤≥÷", "ℌ℗™", "①②", "Ⅻ", "𝔄𝔟"]
        for text in texts {
            let folded = TextFolding.fold(text)
            #expect(MarkupEscaping.escape(folded) == folded, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func textsFoldedOneAfterTheOtherAreTheFoldOfThemJoined() {
        var random = Xorshift64(seed: 0x101D)
        let texts = Self.randomTexts(3_000, seed: 0x7E57) + ["", "", " ", "é"]
        var folder = TextFolding.Folder()
        for _ in 0..<1_000 {
            let group = (0..<random.next(7)).map { _ in texts[random.next(texts.count)] }
            folder.removeAll()
            for text in group { folder.append(text) }
            let joined = group.joined(separator: " ")
            #expect(String(decoding: folder.bytes, as: UTF8.self) == Self.reference(joined), "\(group)")
        }
    }
}

// The byte-level text helpers (Whitespace, collapsingSpaces, word splitting and folding) against
// the scalar and character definitions they replaced, kept here as the reference: the same
// output on hand-picked edge cases (CR LF, separators, no-break spaces, combining marks, emoji,
// controls) and on pseudo-random strings over an alphabet of them (a fixed seed, a bounded count).

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

/// The definitions the byte-level code replaced, word for word.
private enum Reference {
    static func collapse(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in text.unicodeScalars {
            if Whitespace.isSpace(c) || c.value < 0x20 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        return String(out)
    }

    static func lines(of text: some StringProtocol, paragraphs: Bool) -> String {
        var lines: [String] = []
        var empty = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { c in
            c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
        }) {
            let collapsed = collapse(line)
            if collapsed.isEmpty {
                empty += 1
                continue
            }
            if paragraphs && empty >= 2 && !lines.isEmpty { lines.append("") }
            lines.append(collapsed)
            empty = 0
        }
        return lines.joined(separator: "\n")
    }

    static func trim(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !Whitespace.isSpace($0) }),
              let last = scalars.lastIndex(where: { !Whitespace.isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    static func collapsingSpaces(_ text: String, keepLines: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false, pendingLine = false, started = false
        for u in text.unicodeScalars {
            switch u.value {
            case 0x0A, 0x0D, 0x2028, 0x2029:
                if keepLines { pendingLine = true } else { pendingSpace = true }
            case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x85:
                pendingSpace = true
            default:
                if started {
                    if pendingLine { out.append("\n") } else if pendingSpace { out.append(" ") }
                }
                pendingLine = false
                pendingSpace = false
                started = true
                out.append(u)
            }
        }
        return String(out)
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        if v == 0xB0 || v == 0xBA || v == 0xAA { return false }
        let p = u.properties
        return p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark
    }
}

struct ByteTextTests {
    static let edgeCases: [String] = [
        "", " ", "\n", "\r\n", "a\r\nb", "a\rb", "a\nb", "\r\r\n\n", "a\u{2028}b\u{2029}c", "  a  b  ",
        "\u{A0}x\u{202F}y\u{3000}z\u{85}", "\u{1}\u{1F}a\u{7F}b", "e\u{301}\ne\u{301}", "\n\u{301}x",
        "Café  à\tParis\n\n\n« Atelier » – 20 h", "👩‍👩‍👧 famille\r\n\r\n\r\nfin ", "x\u{200B}y\u{200A}z",
        "line one\n\nline two\n\n\nline three", "\u{FEFF}bom", "日本語 テキスト\u{3000}終",
    ]

    /// Pseudo-random strings over the characters that matter (xorshift, fixed seed).
    static var randomCases: [String] {
        let alphabet: [String] = ["a", "Z", "é", "É", "1", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2028}",
                                  "\u{2029}", "\u{202F}", "\u{301}", "\u{85}", "\u{1}", "’", "…", ".", "😀", "‍", "Œ", "ß", "\u{3000}"]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var out: [String] = []
        for _ in 0..<1500 {
            var s = ""
            let length = random.next(24)
            for _ in 0..<length {
                s += random.element(of: alphabet)
            }
            out.append(s)
        }
        return out
    }

    @Test func whitespaceMatchesTheScalarDefinitions() {
        for text in Self.edgeCases + Self.randomCases {
            #expect(Whitespace.collapse(text) == Reference.collapse(text), "collapse \(text.debugDescription)")
            #expect(Whitespace.collapseLines(text) == Reference.lines(of: text, paragraphs: false), "lines \(text.debugDescription)")
            #expect(Whitespace.collapseParagraphs(text) == Reference.lines(of: text, paragraphs: true), "paragraphs \(text.debugDescription)")
            #expect(Whitespace.trim(text) == Reference.trim(text), "trim \(text.debugDescription)")
            let sub = text.dropFirst()
            #expect(Whitespace.collapse(sub) == Reference.collapse(sub), "collapse substring \(text.debugDescription)")
        }
    }

    @Test func crLFDoesNotEndALineButCRAndLFAlone() {
        #expect(Whitespace.collapseLines("a\r\nb") == "a b")
        #expect(Whitespace.collapseLines("a\rb\nc") == "a\nb\nc")
        #expect(Whitespace.collapseParagraphs("a\n\n\nb") == "a\n\nb")
    }

    @Test func collapsingSpacesMatchesTheScalarDefinition() {
        for text in Self.edgeCases + Self.randomCases {
            #expect(text.collapsingSpaces() == Reference.collapsingSpaces(text, keepLines: false), "\(text.debugDescription)")
            #expect(text.collapsingSpaces(keepLines: true) == Reference.collapsingSpaces(text, keepLines: true), "\(text.debugDescription)")
        }
    }

    @Test func wordScalarTableMatchesTheProperties() {
        for v in 0..<0x3100 {
            guard let u = Unicode.Scalar(UInt32(v)) else { continue }
            if Words.isWordScalar(u) != Reference.isWordScalar(u) {
                Issue.record("U+\(String(v, radix: 16)) differs")
                return
            }
        }
    }

    @Test func wordsAreFoldedAsBefore() {
        let words = Words.split("L’Œuvre d'ÉTÉ: Straße n°12, ÇA 2026 e\u{301}te")
        #expect(words.map(\.norm) == ["l", "oeuvre", "d", "ete", "strasse", "n", "12", "ca", "2026", "ete"])
        #expect(words.map(\.capitalised) == [true, true, false, true, true, false, false, true, false, false])
        #expect(words.map(\.isNumber) == [false, false, false, false, false, false, true, false, true, false])
        #expect(Words.fold("L’Été ÀÉÎÕÜ Œ æ") == "l'ete aeiou oe ae")
    }
}

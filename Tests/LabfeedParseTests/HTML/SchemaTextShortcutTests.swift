// The shortcuts the schema.org path takes on text: `Whitespace.collapse` and `Whitespace.trim`
// give back text that needs nothing without copying it (checked against the byte collapse and a
// scalar trim), and a name that does not look like HTML is only collapsed (checked against
// `pageText` then `collapse`, what the mapper did for every name). Pseudo-random strings over
// the characters that matter (xorshift, fixed seed, bounded count).

@testable import LabfeedParse
import Testing

struct SchemaTextShortcutTests {
    static let edgeCases: [String] = [
        "", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "a\u{A0}b", "\u{A0}", "é", "é ", " é", "a\u{2028}b",
        "Atelier « data » – 20 h", "x\u{7F}y", "\u{1}a", "a\u{1}", "\r\n", "a\r\nb", "Café\u{202F}Paris", "😀 😀", "AT&T", "a < b",
        "Table ronde &amp; débat", "<b>Atelier</b>", "ligne\n\n\nautre", "  Atelier   numérique  ",
    ]

    static var randomCases: [String] {
        let alphabet: [String] = ["a", "Z", "é", "1", " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2028}", "\u{2029}",
                                  "\u{202F}", "\u{85}", "\u{1}", "\u{7F}", "’", "😀", "<", "&", "b>", "amp;", "Œ", "\u{3000}", "\u{301}"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var out: [String] = []
        for _ in 0..<3_000 {
            var s = ""
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            for _ in 0..<Int(state % 20) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                s += alphabet[Int(state % UInt64(alphabet.count))]
            }
            out.append(s)
        }
        return out
    }

    /// The byte collapse itself, without the "already collapsed" shortcut.
    private func fullCollapse(_ text: String) -> String {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { Whitespace.collapse($0, 0, $0.count, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Trimming as defined on scalars.
    private func scalarTrim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !Whitespace.isSpace($0) }),
              let last = scalars.lastIndex(where: { !Whitespace.isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    @Test func collapsedTextIsToldExactly() {
        var shortcuts = 0
        for text in Self.edgeCases + Self.randomCases {
            let full = fullCollapse(text)
            let told = Array(text.utf8).withUnsafeBufferPointer { Whitespace.isCollapsed($0) }
            #expect(told == (full == text), "\(text.debugDescription)")
            #expect(Whitespace.collapse(text) == full, "\(text.debugDescription)")
            #expect(Whitespace.collapse(text.dropFirst()) == fullCollapse(String(text.dropFirst())), "\(text.debugDescription)")
            if told { shortcuts += 1 }
        }
        #expect(shortcuts > 200)
    }

    @Test func trimGivesWhatTheScalarDefinitionGives() {
        for text in Self.edgeCases + Self.randomCases {
            #expect(Whitespace.trim(text) == scalarTrim(text), "\(text.debugDescription)")
            #expect(Whitespace.trim(text.dropLast()) == scalarTrim(String(text.dropLast())), "\(text.debugDescription)")
        }
    }

    @Test func aNameWithoutMarkupIsOnlyCollapsed() {
        var plain = 0, markup = 0
        for text in Self.edgeCases + Self.randomCases {
            let slow = Whitespace.collapse(HTMLText.pageText(text, baseURL: "https://example.org/").plain)
            if HTMLText.looksLikeHTML(text) {
                markup += 1
            } else {
                plain += 1
                #expect(Whitespace.collapse(text) == slow, "\(text.debugDescription)")
            }
        }
        #expect(plain > 1_000 && markup > 100)
    }
}

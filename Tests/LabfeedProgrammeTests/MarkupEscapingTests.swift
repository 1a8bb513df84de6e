// MarkupEscaping.escape (byte runs) against the scalar-by-scalar escaping it replaced.

import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct MarkupEscapingTests {
    /// The escaping as it was written first, one Unicode scalar at a time.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": continue
            default:
                let v = scalar.value
                if (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test(arguments: ["", "Atelier design", "Table ronde : l’innovation", "L'atelier d'Orléans", "a & b < c > d \"e\"",
                      "fin\r\nligne\ttab\u{0}\u{1F}\u{7F}", "\u{FFFE}x\u{FFFF}\u{FFFD}\u{FEFF}", "é\u{301} 🎉 <b>",
                      "&amp; déjà", "''''", "\u{EFFF}\u{F000}\u{FFEF}", "<script>alert(\"x\")</script>"])
    func escapingGivesWhatTheScalarsGave(text: String) {
        #expect(MarkupEscaping.escape(text) == Self.reference(text))
    }

    @Test func randomTextsFromTheSpecialCharactersEscapeAlike() {
        let palette: [String] = ["a", "é", "'", "\"", "&", "<", ">", "\r", "\n", "\t", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
                                 "\u{EF}", "\u{FEFF}", "🎉", " ", "\u{7F}", "\u{85}"]
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1
            for k in 0..<Int(state >> 60) + 1 {
                text += palette[Int((state >> UInt64(k * 5 % 55)) % UInt64(palette.count))]
            }
            #expect(MarkupEscaping.escape(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
    }

    /// `url.lowercased()` and two `hasPrefix`: what ``MarkupEscaping/isHTTP(_:)`` replaced.
    static func referenceIsHTTP(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    @Test func aWebURLIsFoundOnTheBytesAsTheLowerCasedPrefixFindsIt() {
        var urls = ["", "h", "http", "http:", "http:/", "http://", "https://", "https:/", "HTTPS://", "HtTp://x", "hTTpS://lab.example/é",
                    "http://\u{301}x", "https://\u{301}", "https://é", "http:///", "httpx://", "https//", "ftp://x", "javascript:x",
                    " https://x", "\u{130}ttp://x", "\u{212A}http://", "ＨＴＴＰ://x", "http://\r\n", "http\u{301}://x", "https:\u{301}//x"]
        // Random strings from the prefix's letters in both cases, its punctuation and a few others.
        let palette: [String] = ["h", "H", "t", "T", "p", "P", "s", "S", ":", "/", "\u{301}", "é", "x", "\u{130}", "\u{17F}", "\r", "\n", "🎉"]
        var random = Xorshift64(seed: 0x4854_5450)
        for _ in 0..<20_000 {
            var url = ["http://", "https://", "HTTP:/", "https:", "htt"][random.next(5)]
            for _ in 0..<random.next(6) {
                let piece = palette[random.next(palette.count)]
                url = random.next(3) == 0 ? piece + url : url + piece
            }
            urls.append(url)
        }
        for url in urls {
            #expect(MarkupEscaping.isHTTP(url) == Self.referenceIsHTTP(url), "\(Array(url.unicodeScalars))")
            #expect((MarkupEscaping.safeHref(url) != nil) == Self.referenceIsHTTP(url))
        }
    }
}

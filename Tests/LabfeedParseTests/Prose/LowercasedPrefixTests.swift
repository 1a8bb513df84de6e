// `hasLowercasedASCIIPrefix` against the `lowercased().hasPrefix` it replaces in the block
// builder's link check (javascript: and mailto: links are not an event's link).

import LabfeedTestSupport
import Testing
@testable import LabfeedParse

struct LowercasedPrefixTests {
    /// The reference: what the block builder asked before.
    private func slow(_ text: String, _ prefix: String) -> Bool { text.lowercased().hasPrefix(prefix) }

    @Test func linkSchemesAreFoundAsTheLowerCasedCopyFindsThem() {
        let hrefs = ["javascript:void(0)", "JavaScript:alert(1)", "JAVASCRIPT:", "javascript", "javascript:",
                     "mailto:lab@example.fr", "MailTo:x", "mailto", "mail", "", "https://example.fr/e1",
                     "/agenda/e1", "#top", "javascript\u{301}:x", "javascript:\u{301}x", "java\u{212A}script:",
                     "mailto:\u{0130}", "MA\u{0130}LTO:x", "m\u{0301}ailto:", "\u{FEFF}mailto:x", " mailto:x",
                     "javascript:é", "mailtoé", "mailt\u{212A}"]
        for href in hrefs {
            #expect(href.hasLowercasedASCIIPrefix("javascript:") == slow(href, "javascript:"), "\(href.debugDescription)")
            #expect(href.hasLowercasedASCIIPrefix("mailto:") == slow(href, "mailto:"), "\(href.debugDescription)")
        }
    }

    @Test func randomTextsAgreeWithTheLowerCasedCopy() {
        // Pieces that lower to ASCII (U+212A KELVIN SIGN, U+0130), join a character (U+0301,
        // U+200D), or sit on the edge of a prefix; a prefix with k and i for the Kelvin sign.
        let pieces = ["j", "J", "a", "A", "v", "s", "c", "r", "i", "I", "p", "t", ":", "m", "M", "l", "o", "k", "K",
                      "\u{212A}", "\u{0130}", "\u{0301}", "\u{200D}", "é", "É", "\r", "\n", " ", "/", "\u{FFFD}"]
        var random = Xorshift64(seed: 0x5EED_0F_11_4B)
        var trueAnswers = 0
        for _ in 0..<20_000 {
            let start = random.element(of: ["javascript:", "mailto:", "kilo:", "", "JAVA", "Mailto"])
            let text = start + (0..<random.next(6)).map { _ in random.element(of: pieces) }.joined()
            for prefix: StaticString in ["javascript:", "mailto:", "kilo:"] {
                let expected = slow(text, "\(prefix)")
                #expect(text.hasLowercasedASCIIPrefix(prefix) == expected, "\(text.debugDescription) \(prefix)")
                if expected { trueAnswers += 1 }
            }
        }
        #expect(trueAnswers > 1_000)  // the draws reach both answers
    }
}

// ConfigText against what it replaces: the regular expressions of a source's id and language,
// Foundation's trimming and its search for a space, on listed and generated strings.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedCore

struct ConfigTextTests {
    static let listed = [
        "", "a", "labase", "lab-ouvert_2", "-lab", "_lab", "Lab", "lab é", "lab.x", "0", String(repeating: "a", count: 64),
        String(repeating: "a", count: 65), "fr", "en-GB", "f", "fran", "fr-", "-fr", "fr--ca", "zh-Hant-TW", "fr-123456789",
        "fr-12345678", "fr_FR", "français", "é", " fr", "fr ", "\tfr\n", "\u{A0}fr\u{A0}", "\u{2003}x", "a\nb", "fr\n",
        "日本", "x-abc", "abc-de-fg",
    ]

    /// Strings over the alphabet where the answers change, up to 6 characters.
    static func generated() -> [String] {
        let alphabet: [String] = ["a", "z", "A", "0", "9", "-", "_", " ", "\n", "é", ".", "\u{A0}"]
        var out: [String] = []
        var state: UInt64 = 0x2026_1124
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var s = ""
            var bits = state >> 8
            for _ in 0..<Int(state >> 61) {
                s += alphabet[Int(bits % UInt64(alphabet.count))]
                bits /= UInt64(alphabet.count)
            }
            out.append(s)
        }
        return out
    }

    /// The values the checks see: trimmed first (`nonEmptyString`), so no final line break,
    /// before which the expressions' `$` also matched.
    static func trimmedValues() -> [String] {
        (listed + generated()).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test func aSlugIsWhatTheIdExpressionAccepted() {
        for s in Self.trimmedValues() {
            let expected = s.range(of: "^[a-z0-9][a-z0-9_-]*$", options: .regularExpression) != nil && s.count <= 64
            #expect(ConfigText.isSlug(s) == expected, "\(s.debugDescription)")
        }
    }

    @Test func aLanguageTagIsWhatTheLanguageExpressionAccepted() {
        for s in Self.trimmedValues() {
            let expected = s.range(of: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) != nil
            #expect(ConfigText.isLanguageTag(s) == expected, "\(s.debugDescription)")
        }
    }

    @Test func trimmingIsFoundations() {
        for s in Self.listed + Self.generated() {
            #expect(ConfigText.trimmed(s) == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
        }
    }

    @Test func aSpaceIsFoundAsFoundationFindsIt() {
        let urls = ["https://a.example/", "https:// no host", "https://a.example/ x", "https://a.example/\u{301}",
                    "https://a.example/ \u{301}", "https://a.example/\u{A0}", " ", " \u{301}", "\u{301} ", "é ", "", "a\tb"]
        let spaces = [" ", " \u{301}", "\u{301}", "\u{A0}", "\t", "é", "a", "/", "\r\n", " \u{20DD}", "\u{1F600}"]
        var random = Xorshift64(seed: 0xC0F1_6000_0000_0001)
        var texts = urls + Self.listed + Self.generated()
        for _ in 0..<5_000 {
            var s = "https://a.example/"
            for _ in 0..<random.next(5) { s += spaces[random.next(spaces.count)] }
            texts.append(s)
        }
        for s in texts {
            #expect(ConfigText.containsSpace(s) == s.contains(" "), "\(s.debugDescription)")
        }
    }
}

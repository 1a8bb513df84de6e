// `DateLanguage(bcp47:)` reads an ASCII tag on its bytes (pass pageperf16); the former reading
// (lower-cased by the standard library, `_` replaced) is still the path of other tags, as
// `init(lowercasing:)`: both compared on hand-picked and random tags.

@testable import LabfeedDates
import Testing

struct DateLanguageTagTests {
    @Test func handPickedTags() {
        let cases: [(String, DateLanguage?)] = [
            ("fr", .fr), ("FR", .fr), ("fr-FR", .fr), ("fr_CA", .fr), ("fr-", .fr), ("frx", nil), ("f", nil), ("", nil),
            ("en", .en), ("EN-gb", .en), ("en-US", .enUS), ("en_us", .enUS), ("EN-US-posix", .enUS), ("en-usa", .en),
            ("en-u", .en), ("de", nil), ("\u{212A}", nil), ("fr-\u{301}", nil), ("én", nil), ("en\r\n", nil), ("fr\u{0}", nil),
        ]
        for (tag, expected) in cases {
            #expect(DateLanguage(bcp47: tag) == expected, "\(tag.debugDescription)")
            #expect(DateLanguage(bcp47: tag) == DateLanguage(lowercasing: tag), "\(tag.debugDescription)")
        }
    }

    @Test func randomTagsReadAsTheLowerCasingReadsThem() {
        let pieces = ["f", "F", "r", "R", "e", "E", "n", "N", "u", "U", "s", "S", "-", "_", "x", "fr", "en", "EN-US", "-us", "é",
                      "\u{212A}", "\u{301}", " ", "\u{0}", "1"]
        var state: UInt64 = 0xB0C4_7000_0016_0001  // xorshift, fixed seed: a failure reproduces
        var named = 0
        for _ in 0..<20_000 {
            var tag = ""
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            for _ in 0..<Int(state % 7) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                tag += pieces[Int(state % UInt64(pieces.count))]
            }
            let expected = DateLanguage(lowercasing: tag)
            if expected != nil { named += 1 }
            #expect(DateLanguage(bcp47: tag) == expected, "\(tag.debugDescription)")
        }
        #expect(named > 1_000)
    }
}

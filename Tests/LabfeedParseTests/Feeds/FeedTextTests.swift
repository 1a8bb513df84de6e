// HTMLText.looksLikeHTML on texts shaped like feeds' titles and descriptions (it was FeedText's
// twin of it until HTMLText's own check read the String's bytes in place, eight at a time
// between `<` and `&`): on every text it must answer as the byte-by-byte reference.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct FeedTextTests {
    @Test func looksLikeHTMLAnswersAsHTMLText() {
        let pieces = ["a", "Z", " ", "é", "<", ">", "&", ";", "#", "/", "!", "1", "amp", "<p", "&amp;", "&#233;",
                      "&#;", "&;", "< p", "<3", "&nbsp", "😀", "\n", "x" + String(repeating: "y", count: 40) + ";"]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var html = 0
        for round in 0..<6000 {
            var text = ""
            let lengths = random.next()
            // Long runs of plain text now and then, so the word-at-a-time path meets every offset.
            if round % 4 == 0 { text += String(repeating: "plain text ", count: Int(lengths % 7)) }
            for _ in 0..<Int(lengths % 12) {
                text += random.element(of: pieces)
            }
            let expected = HTMLText.looksLikeHTMLByBytes(text)
            #expect(HTMLText.looksLikeHTML(text) == expected, "\(text.debugDescription)")
            if expected { html += 1 }
        }
        #expect(html > 500 && html < 5500)  // both answers were met often
    }
}

// DiagnosticCollector trims libxml2's messages on their bytes (pageperf12): the same String as
// the Character walk it replaces on every ending (line feeds, spaces, CR LF, a "prepend"
// character, combining marks, invalid UTF-8) and on random messages.

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct DiagnosticMessageTests {
    private func expectSame(_ bytes: [UInt8]) {
        let raw = bytes.filter { $0 != 0 }.map(CChar.init(bitPattern:)) + [0]
        raw.withUnsafeBufferPointer { buffer in
            let fast = DiagnosticCollector.trimmedMessage(buffer.baseAddress!)
            let reference = DiagnosticCollector.trimmedMessageByCharacters(buffer.baseAddress!)
            #expect(fast == reference, "\(bytes)")
            #expect(Array(fast.utf8) == Array(reference.utf8), "\(bytes)")
        }
    }

    @Test func handPickedEndingsAsTheCharacterWalk() {
        let endings = ["Tag nav invalid\n", "Unexpected end tag : p\n", "", "\n", " ", " \n \n", "a", "a \n", "x\r\n", "x\r\n\n",
                       "x\r \n", "\u{600} ", "\u{600} \n", "\u{600}\n", "é \n", "e\u{301} \n", "x \u{301}", "x\n\u{301}", "😀\n",
                       "\u{1F1EB}\u{1F1F7} ", "x\t\n", "x\u{A0}\n", "\r", "\r\n", "a\r\r\n"]
        for ending in endings { expectSame(Array(ending.utf8)) }
        for cut in [[0xC3], [0xE2, 0x82], [0xFF], [0xC3, 0x20], [0xE2, 0x82, 0x0A], [0x80, 0x20, 0x0A]] as [[UInt8]] {
            expectSame(Array("message ".utf8) + cut + [0x0A])
            expectSame(Array("message ".utf8) + cut)
        }
    }

    @Test func randomMessagesAsTheCharacterWalk() {
        var generator = Xorshift64(seed: 0xD1A6_0012_7E57_0001)
        let pieces: [[UInt8]] = [[0x0A], [0x20], [0x0D], [0x61], Array("é".utf8), Array("\u{301}".utf8), Array("\u{600}".utf8),
                                 Array("\u{200D}".utf8), Array("😀".utf8), [0xC3], [0xFF], [0x09], Array("Tag x invalid".utf8)]
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...8, using: &generator)
            expectSame((0..<count).flatMap { _ in pieces.randomElement(using: &generator)! })
        }
    }
}

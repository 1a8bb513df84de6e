// JSONBytes' own memory and its eight-byte escape test: strings escaped as JSONEncoder escapes
// them at every offset and length (so the word loop, the byte loop and the copied runs all
// meet each kind of escape), from a buffer small enough to grow many times, and the word test
// against the byte test on random words.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct JSONBytesBufferTests {
    /// What the encoder writes for `value` as a JSON string (the quotes included).
    static func encoded(_ value: String) throws -> String {
        String(decoding: try LabfeedJSON.encoder(pretty: false).encode(value), as: UTF8.self)
    }

    static func written(_ value: String, capacity: Int = 64) -> String {
        var out = JSONBytes(pretty: false, capacity: capacity)
        out.string(value)
        return out.string
    }

    /// Each byte that needs an escape (and some that do not: a space, `/`, DEL, a two-byte and a
    /// four-byte character) at every offset of fillers 0 to 20 bytes long.
    @Test func everyEscapeAtEveryOffset() throws {
        let specials = ["\"", "\\", "\u{08}", "\u{0C}", "\n", "\r", "\t", "\u{00}", "\u{01}", "\u{1F}", " ", "/", "\u{7F}", "é", "🎉"]
        for special in specials {
            for length in 0...20 {
                for offset in 0...length {
                    let filler = String(repeating: "a", count: length)
                    var text = filler
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                    #expect(Self.written(text) == (try Self.encoded(text)), "\(special.unicodeScalars.map(\.value)) at \(offset) of \(length)")
                }
            }
        }
    }

    /// Random strings of escapes, ASCII and non-ASCII characters, 0 to 300 bytes, written into
    /// a buffer of 64 bytes that grows to hold them (and again, on the same buffer, after
    /// `removeAll`).
    @Test func randomStringsAreTheEncodersBytes() throws {
        var random = Xorshift64(seed: 0x4A53_4F4E_4279_7465)
        let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u{00}", "\u{1B}", "\u{1F}", "é", "€", "🎉", "/", "<", "\u{2028}"]
        var out = JSONBytes(pretty: false, capacity: 64)
        for _ in 0..<2_000 {
            let count = Int(random.next() % 120)
            let text = (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            #expect(Self.written(text, capacity: 64) == (try Self.encoded(text)))
            out.removeAll()
            out.string(text)
            #expect(out.string == (try Self.encoded(text)))
            #expect(out.count == out.bytes.count)
        }
    }

    /// The eight-byte test is false exactly when no byte of the word needs an escape.
    @Test func wordTestAgreesWithTheByteTest() {
        var random = Xorshift64(seed: 0x0E5C_A9E5)
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for round in 0..<200_000 {
            var word: UInt64 = 0
            for lane in 0..<8 {
                // Half the words from bytes near the escaped ones, half from any byte.
                let byte = round % 2 == 0 ? interesting[Int(random.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: random.next())
                word |= UInt64(byte) << (8 * UInt64(lane))
            }
            let expected = (0..<8).contains { JSONEscaping.needsEscape(UInt8(truncatingIfNeeded: word >> (8 * UInt64($0)))) }
            #expect(JSONEscaping.mayNeedEscape(word: word) == expected, "word \(String(word, radix: 16))")
        }
    }

    /// A programme-sized pretty document from a buffer that starts at 64 bytes: the same bytes
    /// as from one sized for it.
    @Test func growingKeepsTheBytes() {
        var small = JSONBytes(pretty: true, capacity: 64)
        var large = JSONBytes(pretty: true, capacity: 1 << 20)
        for event in EventJSONTests.events() {
            small.separate()
            EventJSON.write(event, to: &small)
            large.separate()
            EventJSON.write(event, to: &large)
        }
        #expect(small.count > 2_000)
        #expect(small.bytes == large.bytes)
    }
}

// Charset.isValidUTF8 reads bytes without decoding scalars: it must agree with Swift's UTF8
// decoder on every input (overlong forms, surrogates, past U+10FFFF, cut sequences, ASCII runs
// around the eight-byte fast path).

import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct UTF8ValidationTests {
    private func decoderSays(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    @Test func edgeSequencesAgreeWithTheDecoder() {
        let cases: [[UInt8]] = [
            [], Array("plain ASCII text, longer than eight bytes".utf8), Array("été à Noël — “ok” 😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
            Array("abcdefg".utf8) + [0xC3], Array("abcdefgh".utf8) + [0xE2, 0x82], [0xE2, 0x82, 0x41],
        ]
        for bytes in cases {
            #expect(Charset.isValidUTF8(bytes) == decoderSays(bytes), "\(bytes)")
        }
        #expect(Charset.isValidUTF8(Array("été".utf8)))
        #expect(!Charset.isValidUTF8([0x63, 0x61, 0x66, 0xE9]))  // "café" in Latin-1
    }

    @Test func randomBytesAgreeWithTheDecoder() {
        var generator = Xorshift64(seed: 0x0DDB_A115_EED0_0001)  // fixed, so a failure reproduces
        let pieces: [[UInt8]] = [Array("abcdefghij".utf8), Array("é".utf8), Array("€".utf8), Array("𝄞".utf8), [0x20]]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                if Bool.random(using: &generator) {
                    bytes += pieces.randomElement(using: &generator)!
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                }
            }
            #expect(Charset.isValidUTF8(bytes) == decoderSays(bytes), "\(bytes)")
        }
    }
}

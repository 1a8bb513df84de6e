// Charset.isValidUTF8 reads bytes without decoding scalars: it must agree with Swift's UTF8
// decoder on every input (overlong forms, surrogates, past U+10FFFF, cut sequences, ASCII runs
// around the 32- and eight-byte fast paths), and with its byte loop (`isValidUTF8ByBytes`, the
// reference) at every length and alignment.

@testable import LabfeedMarkup
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

    /// Byte classes: ASCII (NUL, controls, letters, DEL), well-formed sequences of two, three
    /// and four bytes at their range limits, and ill-formed ones (lone continuation bytes,
    /// overlong forms, surrogates, past U+10FFFF, cut sequences).
    static let byteClasses: [[UInt8]] = [
        [0x00], [0x0A], [0x20], [0x61], [0x7F], [0xC2, 0x80], [0xC3, 0xA9], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE2, 0x82, 0xAC],
        [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0x80], [0xBF], [0xC0, 0x80],
        [0xC1, 0xBF], [0xC2], [0xE0, 0x9F, 0xBF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF],
    ]

    /// The check on `bytes` at each of eight offsets in a larger buffer (every alignment of
    /// the loads), fenced with ill-formed bytes that would change the answer if read, against
    /// the byte loop and Swift's decoder.
    private func expectAgreement(_ bytes: [UInt8]) {
        let reference = bytes.withUnsafeBufferPointer { Charset.isValidUTF8ByBytes($0) }
        #expect(reference == decoderSays(bytes), "\(bytes)")
        for offset in 0..<8 {
            let padded = Array(repeating: 0xFF, count: offset) + bytes + [0xC3, 0xFF, 0x80, 0xE2, 0x82, 0xFF, 0x80, 0x80]
            padded.withUnsafeBufferPointer { whole in
                let b = UnsafeBufferPointer(rebasing: whole[offset..<(offset + bytes.count)])
                #expect(Charset.isValidUTF8(b) == reference, "\(bytes) at offset \(offset)")
            }
        }
    }

    /// Every length from 0 to 70 at every alignment: each class repeated, ASCII with one class
    /// at every position, and random mixes weighted to ASCII.
    @Test func everyLengthAndAlignmentAgreesWithTheByteLoop() {
        var random = Xorshift64(seed: 0x0DDB_A115_EED0_0002)
        for length in 0...70 {
            for c in Self.byteClasses {
                expectAgreement(Array(Array(repeating: c, count: length).joined().prefix(length)))
                if length > 0 {
                    let at = random.next(length)
                    var bytes = Array(repeating: UInt8(0x61), count: length)
                    bytes.replaceSubrange(at..<min(length, at + c.count), with: c.prefix(length - at))
                    expectAgreement(bytes)
                }
            }
            for _ in 0..<16 {
                var bytes: [UInt8] = []
                while bytes.count < length {
                    bytes += random.next(8) == 0 ? random.element(of: Self.byteClasses) : [UInt8(0x20 + random.next(0x5F))]
                }
                expectAgreement(Array(bytes.prefix(length)))
            }
        }
    }

    /// Random bytes from Xorshift64, any value and ASCII with one byte past 0x7F now and then,
    /// up to 300 bytes.
    @Test func randomBytesAgreeWithTheByteLoop() {
        var random = Xorshift64(seed: 0x0DDB_A115_EED0_0003)
        for round in 0..<3_000 {
            let bytes: [UInt8] = (0..<random.next(300)).map { _ in
                round % 2 == 0 || random.next(40) == 0 ? UInt8(truncatingIfNeeded: random.next()) : UInt8(random.next(0x80))
            }
            expectAgreement(bytes)
        }
    }

    /// Text dense in two-byte sequences (the words the eight-byte loop takes whole: leads C2
    /// to DF, continuations at both ends of their range) mixed with ASCII and with what must
    /// fail it (a lead without its continuation, a continuation alone, the overlong leads C0
    /// and C1, a lead cut by the end, three- and four-byte sequences), every alignment.
    @Test func twoByteTextAgreesWithTheByteLoop() {
        var random = Xorshift64(seed: 0x0DDB_A115_EED0_0004)
        let pieces: [[UInt8]] = [
            [0xC2, 0x80], [0xC3, 0xA9], [0xC3, 0xBF], [0xDF, 0xBF], [0xDF, 0x80], [0xCE, 0xB1], [0x61], [0x20], [0x7F], [0x00],
        ]
        let faults: [[UInt8]] = [[0xC3], [0xA9], [0xC0, 0x80], [0xC1, 0xBF], [0xC3, 0xC3], [0xC3, 0x41], [0xE2, 0x82, 0xAC], [0xF0, 0x9D, 0x84, 0x9E], [0xE0, 0x80]]
        for round in 0..<4_000 {
            var bytes: [UInt8] = []
            let length = random.next(80)
            while bytes.count < length {
                bytes += round % 3 != 0 || random.next(12) != 0 ? random.element(of: pieces) : random.element(of: faults)
            }
            expectAgreement(bytes)
            expectAgreement(Array(bytes.prefix(random.next(bytes.count + 1))))
        }
    }
}

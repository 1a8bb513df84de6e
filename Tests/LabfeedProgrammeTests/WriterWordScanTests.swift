// The writers' eight-bytes-at-once scans and their other round 14 shortcuts against the byte by
// byte or scalar by scalar ways they replaced: the word tests against a test of each byte, the
// escapes of texts with a special character at every offset (so at every place in a word and
// in the tail), the folding by stepping back against the scalar walk, the digits' fast widths
// against `%0Nd`.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct WriterWordScanTests {
    /// Bytes where the tests' answers change: the specials, their neighbours (one bit away),
    /// the edges of the ranges, UTF-8 lead and continuation bytes.
    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x2B,
        0x2C, 0x2D, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x41, 0x5B, 0x5C, 0x5D, 0x61, 0x7E, 0x7F, 0x80, 0x81, 0xA2,
        0xA6, 0xA7, 0xAC, 0xBB, 0xBC, 0xBE, 0xBF, 0xC3, 0xDC, 0xE2, 0xEE, 0xEF, 0xF0, 0xFE, 0xFF,
    ]

    static func bytes(of word: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
    }

    @Test func eightBytesAtOnceFindWhatEachByteFinds() {
        var random = Xorshift64(seed: 14)
        for round in 0..<100_000 {
            var word: UInt64 = 0
            if round % 4 == 0 {
                word = random.next()
            } else {
                for k in 0..<8 {
                    let b = Self.interestingBytes[Int(random.next() % UInt64(Self.interestingBytes.count))]
                    word |= UInt64(b) << (8 * UInt64(k))
                }
            }
            let bytes = Self.bytes(of: word)
            let markup = bytes.contains { MarkupEscaping.mayNeedWork($0) || $0 == 0x09 || $0 == 0x0A }
            #expect(MarkupEscaping.mayNeedWork(word: word) == markup, "\(bytes)")
            let ics = bytes.contains { $0 < 0x20 || $0 == 0x2C || $0 == 0x3B || $0 == 0x5C || $0 == 0x7F }
            #expect(ICSWriter.textMayNeedWork(word) == ics, "\(bytes)")
            let csv = bytes.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x22 || $0 == 0x2C }
            bytes.withUnsafeBufferPointer { #expect(CSVWriter.mayNeedQuotes($0) == csv, "\(bytes)") }
        }
    }

    @Test func theByteTestMarksWhatTheMarkupEscapeChanges() {
        for b in 0...255 {
            let expected = b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0xEF || (b < 0x20 && b != 0x09 && b != 0x0A)
            #expect(MarkupEscaping.mayNeedWork(UInt8(b)) == expected, "\(b)")
        }
    }

    /// Texts of 0 to 40 scalars of plain letters with one special scalar at each offset, and
    /// random texts of up to 60 scalars from a palette of specials and plain ones.
    static func texts() -> [String] {
        let specials = ["&", "<", ">", "\"", "'", "\r", "\n", "\t", "\u{1}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EF}",
                        ",", ";", "\\", "é", "🎉", "\u{2019}"]
        var texts: [String] = []
        for length in 0...40 {
            texts.append(String(repeating: "a", count: length))
            for special in specials {
                for offset in 0..<max(length, 1) {
                    texts.append(String(repeating: "a", count: offset) + special + String(repeating: "b", count: max(0, length - offset - 1)))
                }
            }
        }
        var random = Xorshift64(seed: 1_400)
        let palette = specials + ["a", "b", " ", "ab", "xyz1234"]
        for _ in 0..<3_000 {
            let count = Int(random.next() % 61)
            texts.append((0..<count).map { _ in palette[Int(random.next() % UInt64(palette.count))] }.joined())
        }
        return texts
    }

    @Test func textsWithASpecialAtEveryOffsetEscapeAsTheScalarsDid() {
        for text in Self.texts() {
            #expect(MarkupEscaping.escape(text) == MarkupEscapingTests.reference(text), "\(Array(text.unicodeScalars))")
            #expect(ICSWriter.text(text) == ICSEscapingTests.referenceText(text), "\(Array(text.unicodeScalars))")
            #expect(ICSWriter.param(text) == ICSEscapingTests.referenceParam(text), "\(Array(text.unicodeScalars))")
            #expect(ICSWriter.uri(text) == ICSEscapingTests.referenceURI(text), "\(Array(text.unicodeScalars))")
            var row: [UInt8] = []
            CSVWriter.appendField(text, to: &row)
            #expect(String(decoding: row, as: UTF8.self) == CSVWriter.field(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func aLineIsCutWhereTheScalarWalkCutsIt() {
        var random = Xorshift64(seed: 75)
        let scalars = ["a", "é", "€", "🎉", " ", ",", "\u{301}"].map { Array($0.utf8) }
        for round in 0..<4_000 {
            var line: [UInt8] = []
            let count = Int(random.next() % 400)
            if round % 5 == 4 {
                // Not UTF-8: random bytes, with runs of continuation bytes longer than a line.
                while line.count < count {
                    if random.next() % 50 == 0 {
                        line += [UInt8](repeating: 0x80 | UInt8(random.next() % 64), count: 70 + Int(random.next() % 20))
                    } else {
                        line.append(UInt8(truncatingIfNeeded: random.next()))
                    }
                }
            } else {
                while line.count < count { line += scalars[Int(random.next() % UInt64(scalars.count))] }
            }
            var folded: [UInt8] = [], walked: [UInt8] = []
            line.withUnsafeBufferPointer { utf8 in
                ICSWriter.appendFolded(utf8, to: &folded)
                if utf8.count > 75 {
                    ICSWriter.appendFoldedByScalars(utf8, from: 0, count: 0, to: &walked)
                } else {
                    walked = Array(utf8)
                }
            }
            #expect(folded == walked, "\(line)")
            if round % 5 != 4 {
                let text = String(decoding: line, as: UTF8.self)
                #expect(String(decoding: folded, as: UTF8.self) == ICSEscapingTests.referenceFold(text))
            }
        }
    }

    @Test func digitsOfEveryWidthAreThoseOfTheFormat() {
        for width in 1...5 {
            for value in -1_050...12_050 {
                var bytes: [UInt8] = []
                ICSWriter.appendDigits(value, width, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == String(format: "%0\(width)d", value))
            }
        }
        for value in 0...99 {
            var bytes: [UInt8] = []
            TextBytes.digits(value, 2, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(format: "%02d", value))
        }
    }
}

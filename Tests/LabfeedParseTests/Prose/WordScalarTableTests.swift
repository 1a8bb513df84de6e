// The word-scalar table built from written ranges (branch pageperf21) against the Unicode
// properties it replaced: every scalar of U+0000-U+2FFF, and the whole of `isWordScalar`.

@testable import LabfeedParse
import Testing

struct WordScalarTableTests {
    @Test func rangesGiveThePropertiesAnswerForEveryScalarBelowU3000() {
        #expect(Words.wordScalars.count == 0x3000)
        var differing: [UInt32] = []
        for v in UInt32(0)..<0x3000 {
            let expected: Bool
            if let u = Unicode.Scalar(v) {
                expected = v < 0x80
                    ? (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                    : Words.isWordScalarByProperties(u)
            } else {
                expected = false
            }
            if Words.wordScalars[Int(v)] != expected { differing.append(v) }
        }
        #expect(differing.isEmpty, "differ at \(differing.prefix(10).map { String($0, radix: 16) })")
    }

    @Test func rangesAreOrderedAndHalfOpen() {
        let r = Words.wordScalarRanges
        #expect(r.count % 2 == 0)
        #expect(r.first.map { $0 >= 0x80 } == true)
        #expect(r.last.map { $0 <= 0x3000 } == true)
        for k in 1..<r.count { #expect(r[k - 1] < r[k], "at \(k)") }
    }

    @Test func wordScalarAgreesWithThePropertiesOnSamplesOfEveryPlane() {
        // Known answers first: letters, digits, marks yes; punctuation, symbols, "°" no.
        for (u, word) in [("é", true), ("Ω", true), ("ж", true), ("\u{301}", true), ("٣", true), ("°", false), ("«", false),
                          ("€", false), ("\u{2019}", false), ("Ⅻ", true), ("\u{E000}", false), ("中", true)] as [(Unicode.Scalar, Bool)] {
            #expect(Words.isWordScalar(u) == word, "U+\(String(u.value, radix: 16))")
        }
        var v: UInt32 = 0x80
        while v < 0x11_0000 {
            if let u = Unicode.Scalar(v), v != 0xB0, v != 0xBA, v != 0xAA {
                let p = u.properties
                let expected = p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark
                #expect(Words.isWordScalar(u) == expected, "U+\(String(v, radix: 16))")
            }
            v += v < 0x3000 ? 1 : 97
        }
    }
}

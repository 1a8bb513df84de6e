// XMLRepair's byte helpers against their plain definitions: `find` (memchr jumps) against a
// naive search, `isXMLEntity` against the five names, on pseudo-random inputs.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct XMLRepairSearchTests {
    private static func naiveFind(_ needle: [UInt8], in b: [UInt8], from: Int, limit: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= b.count else { return nil }
        let end = min(b.count - needle.count, limit)
        var i = max(from, 0)
        while i <= end {
            if Array(b[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    @Test func findAgreesWithANaiveSearch() {
        let needles = [Array("<!ENTITY".utf8), Array("]]>".utf8), Array("-->".utf8), Array("!".utf8)]
        let pool = Array("<!ENTITY]>-a ".utf8)
        var random = Xorshift64(seed: 0x1234_5678_9ABC_DEF1)
        var found = 0
        for _ in 0..<4000 {
            var b: [UInt8] = []
            for _ in 0..<random.next(40) {
                b.append(random.element(of: pool))
            }
            let from = Int(random.state % 7) - 1
            let limit = Int((random.state >> 8) % 45)
            for needle in needles {
                let expected = Self.naiveFind(needle, in: b, from: from, limit: limit)
                #expect(ByteFixer.find(needle, in: b, from: from, limit: limit) == expected, "\(b) \(from) \(limit)")
                if expected != nil { found += 1 }
            }
        }
        #expect(found > 500)
    }

    @Test func nextSpecialAgreesWithAByteLoop() {
        let pool: [UInt8] = [0x61, 0x20, 0x3C, 0x26, 0x09, 0x0A, 0x0D, 0x01, 0x1F, 0x3B, 0xC3, 0xA9, 0x7F, 0x80, 0xFF, 0x5C, 0x1C, 0x46]
        var random = Xorshift64(seed: 0x0F1E_2D3C_4B5A_6978)
        var specials = 0
        for _ in 0..<4000 {
            let shape = random.next()
            var b: [UInt8] = []
            let plain = shape % 3 == 0  // mostly plain runs, where the word loop runs long
            for _ in 0..<Int(shape % 50) {
                let r = random.next()
                b.append(plain && r % 10 != 0 ? 0x61 : pool[Int(r % UInt64(pool.count))])
            }
            let from = Int(random.state % 9) - 1
            let expected = b.indices.first { i in
                i >= from && (b[i] == 0x3C || b[i] == 0x26 || (b[i] < 0x20 && b[i] != 0x09 && b[i] != 0x0A && b[i] != 0x0D))
            } ?? b.count
            #expect(ByteFixer.nextSpecial(in: b, from: from) == expected, "\(b) from \(from)")
            if expected < b.count { specials += 1 }
        }
        #expect(specials > 1000)
    }

    @Test func xmlEntityNamesAreTheFivePredefinedOnes() {
        let five: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
        let letters = Array("agltmpquosx".utf8)
        var random = Xorshift64(seed: 0xDEAD_BEEF_1234_5678)
        var hits = 0
        for _ in 0..<5000 {
            var name: [UInt8] = [0x26]
            for _ in 0..<(1 + random.next(5)) {
                name.append(random.element(of: letters))
            }
            let expected = five.contains(String(decoding: name.dropFirst(), as: UTF8.self))
            #expect(ByteFixer.isXMLEntity(name, 1, name.count) == expected, "\(name)")
            if expected { hits += 1 }
        }
        for name in five { #expect(ByteFixer.isXMLEntity(Array(name.utf8), 0, name.utf8.count)) }
        #expect(hits > 0)
    }
}

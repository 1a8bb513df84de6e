// The blocks of a page sharing one byte buffer (branch pageperf14) against a store of their
// own each (the box and array per block they replace): every block's String and byte answers
// (length, digit, word scalar, Character count) the same, read in any order, before and after
// later blocks are added to the page; pseudo-random texts (fixed seed, bounded counts).

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct BlockTextPageTests {
    @Test func storesOnOnePageAnswerAsStoresOfTheirOwn() {
        var random = Xorshift64(seed: 0x5EED_BA6E_0014_0001)
        let pieces = ["a", "Le 8 novembre", " ", "é", "日本", "😀", "12", "\n", "café crème", "x", "-- |", "\u{A0}"]
        for round in 0..<20 {
            let page = BlockTextPage(capacity: round * 7)
            var texts: [String] = []
            var stores: [BlockTextStore] = []
            for _ in 0..<(1 + random.next(120)) {
                var text = ""
                for _ in 0..<random.next(20) { text += random.element(of: pieces) }
                let store = Array(text.utf8).withUnsafeBufferPointer { BlockTextStore($0, in: page) }
                texts.append(text)
                stores.append(store)
                // A block read while later blocks are still being added (the page's buffer grows).
                if random.next(4) == 0 {
                    let k = random.next(stores.count)
                    #expect(stores[k].string == texts[k])
                }
            }
            for _ in 0..<2 {
                for k in stores.indices.shuffled(using: &random) {
                    let own = BlockTextStore(string: texts[k])
                    #expect(stores[k].string == texts[k], "\(texts[k].debugDescription)")
                    #expect(stores[k].utf8Count == own.utf8Count)
                    #expect(stores[k].hasDigit == own.hasDigit)
                    #expect(stores[k].containsWordScalar == own.containsWordScalar)
                    #expect(stores[k].hasAtLeast(characters: 16) == own.hasAtLeast(characters: 16))
                }
            }
        }
    }
}

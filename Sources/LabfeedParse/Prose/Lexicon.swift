// Phrase lists and a matcher over folded words. A phrase is written as folded words separated
// by spaces; "a/b" lists alternatives for one word ("atelier/ateliers"). Lists are compiled once
// into a table keyed by first word, so matching costs one lookup per word of the text.

/// A compiled list of phrases, each with a payload (the cue it stands for).
struct PhraseTable<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        var words: [String]
        var payload: Payload
        var label: String
        /// The words joined by spaces: the label of a hit (made once here, not per hit).
        var joined: String
    }

    /// A phrase found in a word array: words `start..<end`.
    struct Hit: Sendable {
        var start: Int
        var end: Int
        var payload: Payload
        var label: String
    }

    private var byFirst: [String: [Entry]] = [:]
    /// The first words of `byFirst` by first byte, last byte and length: most words of a text
    /// are in no phrase, and the filter tells most of them apart without hashing them (a
    /// Dictionary lookup per word hashed the word with SipHash).
    private var firstSlots = WordSlots()

    /// A word's first byte and its length in bytes (capped at 31), as one index.
    @inline(__always)
    static func slot(_ word: String) -> Int {
        Int(word.utf8.first ?? 0) &* 32 &+ min(word.utf8.count, 31)
    }

    init(_ specs: [(String, Payload)]) {
        byFirst.reserveCapacity(specs.count)
        for (spec, payload) in specs {
            var combos: [[String]] = [[]]
            for slot in PhraseTable.slots(spec) {
                if slot.count == 1 {
                    for k in combos.indices { combos[k].append(slot[0]) }
                } else {
                    combos = combos.flatMap { prefix in slot.map { prefix + [$0] } }
                }
            }
            for words in combos {
                guard let first = words.first else { continue }
                byFirst[first, default: []].append(Entry(words: words, payload: payload, label: spec,
                                                     joined: words.joined(separator: " ")))
            }
        }
        for first in byFirst.keys { firstSlots.insert(first) }
        // In place through `values` (a lookup per key was as dear as the sort).
        for k in byFirst.values.indices where byFirst.values[k].count > 1 {
            byFirst.values[k].sort { $0.words.count > $1.words.count }
        }
    }

    /// The word slots of a spec, each with its alternatives: "table/tables ronde" gives
    /// [["table", "tables"], ["ronde"]]. Split on the bytes when the spec is ASCII (splitting
    /// its Characters made building ``Cues/table`` cost about 12 million instructions, once per
    /// process); a spec with other characters takes ``characterSlots(_:)``, which it equals.
    static func slots(_ spec: String) -> [[String]] {
        UTF8Bytes.with(spec) { b in b.allSatisfy { $0 < 0x80 } ? asciiSlots(b) : nil } ?? characterSlots(spec)
    }

    /// The slots split on Characters: the reference for ``asciiSlots(_:)``. Empty words and
    /// slots are dropped, as `split` drops them.
    static func characterSlots(_ spec: String) -> [[String]] {
        spec.split(separator: " ").map { $0.split(separator: "/").map(String.init) }
    }

    /// The slots of an ASCII spec, split on its bytes.
    static func asciiSlots(_ b: UnsafeBufferPointer<UInt8>) -> [[String]] {
        var slots: [[String]] = []
        var slot: [String] = []
        var start = 0, slotStart = 0
        for i in 0...b.count {
            let byte: UInt8 = i < b.count ? b[i] : 0x20
            guard byte == 0x20 || byte == 0x2F else { continue }
            if i > start { slot.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
            start = i + 1
            // A slot of slashes only ("/") is kept empty, as `split` keeps it.
            if byte == 0x20 {
                if i > slotStart { slots.append(slot) }
                slot = []
                slotStart = i + 1
            }
        }
        return slots
    }

    /// Every phrase in `words[range]`, longest first at each start; hits do not overlap.
    func hits(in words: [Word], range: Range<Int>? = nil) -> [Hit] {
        hits(in: words, range: range, bySlot: true)
    }

    /// ``hits(in:range:)`` looking every word up in the Dictionary, without the slot filter:
    /// the reference the filter is tested against.
    func hitsByHashing(in words: [Word], range: Range<Int>? = nil) -> [Hit] {
        hits(in: words, range: range, bySlot: false)
    }

    @inline(__always)
    private func hits(in words: [Word], range: Range<Int>?, bySlot: Bool) -> [Hit] {
        var out: [Hit] = []
        forEachHit(in: words, range: range ?? 0..<words.count, bySlot: bySlot) { hit in
            out.append(hit)
            return true
        }
        return out
    }

    /// The first hit of ``hits(in:range:)`` that `accept` takes, found without the hits after
    /// it: the hits are found from left to right, each from where the last ended, so the
    /// first taken is the same whether the later ones are looked for or not. Asked where only
    /// the first event noun of a heading or lead-in is read (the list of all, filtered, was
    /// a tenth of judging on the corpus's cards).
    func firstHit(in words: [Word], where accept: (Hit) -> Bool) -> Hit? {
        var found: Hit?
        forEachHit(in: words, range: 0..<words.count, bySlot: true) { hit in
            guard accept(hit) else { return true }
            found = hit
            return false
        }
        return found
    }

    /// Gives each hit of `words[r]` to `body`, in order, until it returns false.
    @inline(__always)
    private func forEachHit(in words: [Word], range r: Range<Int>, bySlot: Bool, _ body: (Hit) -> Bool) {
        var i = r.lowerBound
        outer: while i < r.upperBound {
            let norm = words[i].norm
            if !bySlot || firstSlots.mayContain(norm), let entries = byFirst[norm] {
                for e in entries where i + e.words.count <= r.upperBound {
                    var ok = true
                    for k in 1..<max(1, e.words.count) where words[i + k].norm != e.words[k] {
                        ok = false
                        break
                    }
                    if ok {
                        guard body(Hit(start: i, end: i + e.words.count, payload: e.payload, label: e.joined)) else { return }
                        i += e.words.count
                        continue outer
                    }
                }
            }
            i += 1
        }
    }

    /// Whether the folded word sequence `words` is one of the phrases exactly.
    func contains(phrase words: [String]) -> Bool {
        guard let first = words.first, let entries = byFirst[first] else { return false }
        return entries.contains { $0.words == words }
    }
}

/// A filter on a set of words by their first byte, last byte and length in UTF-8 bytes (capped
/// at 31), one bit each: false means the word is surely not in the set (every word inserted
/// has its bit set); true, that it may be. The first byte and the length alone let a third of
/// a text's words through to the lookup; with the last byte, few that are not in the set.
struct WordSlots: Sendable {
    private var bits = [UInt64](repeating: 0, count: (1 << 21) / 64)

    init() {}

    /// The filter of `words`.
    init(_ words: some Sequence<String>) {
        for word in words { insert(word) }
    }

    @inline(__always)
    static func index(first: UInt8, last: UInt8, length: Int) -> Int {
        (Int(first) &<< 13) | (Int(last) &<< 5) | min(length, 31)
    }

    mutating func insert(_ word: String) {
        guard let first = word.utf8.first, let last = word.utf8.last else { return }
        let k = WordSlots.index(first: first, last: last, length: word.utf8.count)
        bits[k &>> 6] |= 1 &<< UInt64(k & 63)
    }

    @inline(__always)
    func mayContain(first: UInt8, last: UInt8, length: Int) -> Bool {
        let k = WordSlots.index(first: first, last: last, length: length)
        return bits[k &>> 6] & (1 &<< UInt64(k & 63)) != 0
    }

    /// Whether a class-like key may be, or hold, a word of the set: the whole key, or one of its
    /// parts between "-" and "_", may be in it. Nil when the key has a byte past ASCII (its
    /// Characters decide, not its bytes). False is exact for ASCII: ASCII Strings are equal only
    /// when their bytes are, and no Character of an ASCII text spans "-" or "_". The one loop
    /// of `ClassFlags.mayHaveFlags` and `MainContentFinder.mayNameAZone`.
    @inline(__always)
    func mayContainKeyOrPart(_ key: String) -> Bool? {
        UTF8Bytes.with(key) { b -> Bool? in
            var start = 0
            var sawSeparator = false
            for i in 0...b.count {
                let c: UInt8 = i < b.count ? b[i] : 0x2D
                if c >= 0x80 { return nil }
                guard c == 0x2D || c == 0x5F else { continue }
                if i < b.count { sawSeparator = true }
                if i > start, mayContain(first: b[start], last: b[i &- 1], length: i &- start) { return true }
                start = i &+ 1
            }
            // The whole key (the part above when it has no separator).
            if sawSeparator, let first = b.first, let last = b.last, mayContain(first: first, last: last, length: b.count) {
                return true
            }
            return false
        }
    }

    /// Whether `word` may be in the set (an empty word never is: none is inserted). Read on the
    /// String's bytes: `utf8.last` went through the view's index, about 76 instructions a word.
    @inline(__always)
    func mayContain(_ word: String) -> Bool {
        UTF8Bytes.with(word) { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return mayContain(first: base[0], last: base[b.count &- 1], length: b.count)
        }
    }
}

// The language of each block: the nearest `lang` below the page's own wins; else a vote of
// French and English stop words in the block; else the neighbours' language; else the page's.
// Bilingual posts with no markup (English paragraphs, then French ones) need the vote. The vote
// reads a block's bytes; each block's language is chosen when first asked (Resolver), so blocks
// far from any date are never voted.

enum LanguageVote {
    private static let french: Set<String> = [
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "pour", "dans", "sur", "avec", "au", "aux", "qui",
        "que", "nous", "vous", "ce", "cette", "ces", "sont", "par", "pas", "plus", "leur", "leurs", "ont", "été", "ete",
        "aura", "sera", "lieu", "entre", "depuis", "c", "qu", "l", "d", "j", "n", "s", "il", "elle", "ils", "elles",
        "son", "sa", "ses", "notre", "nos", "votre", "vos", "mais", "ou", "où", "donc", "aussi", "tout", "tous", "toutes",
        "chaque", "lors", "afin", "dont", "avons", "avez", "etait", "était", "se", "ne", "y", "en",
    ]
    private static let english: Set<String> = [
        "the", "and", "of", "to", "in", "is", "are", "was", "were", "we", "with", "for", "at", "by", "this", "that",
        "which", "from", "have", "has", "be", "an", "as", "will", "our", "you", "it", "its", "their", "they", "who", "what",
        "had", "been", "would", "can", "about", "into", "during", "where", "when", "there", "these", "those", "his", "her",
        "not", "but", "or", "so", "than", "also", "us", "your", "all", "each", "new",
    ]

    /// Both lists in one table (bit 1: French, bit 2: English), so that a word is hashed once.
    private static let stopWords: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for w in french { table[w, default: 0] |= 1 }
        for w in english { table[w, default: 0] |= 2 }
        return table
    }()
    /// The longest stop word in UTF-8 bytes: longer words are not looked up (hashing every
    /// word of every block was a tenth of the prose time).
    private static let longestStopWord = stopWords.keys.map(\.utf8.count).max() ?? 0

    /// The stop words keyed by their bytes and length packed in a UInt64 (``packed(_:)``): the
    /// vote on a block's bytes looks words up without making a String. Every stop word fits
    /// a key (at most 7 bytes: the longest is 6), so a longer word is none.
    private static let packedStopWords: PackedTable = {
        precondition(longestStopWord <= 7, "a stop word longer than a packed key")
        return PackedTable(stopWords.map { (packed(Array($0.key.utf8)), $0.value) })
    }()

    /// An open-addressing table of packed keys (never 0: the length is in the top byte) with a
    /// multiplicative hash: a Dictionary hashed each key with SipHash, half of the vote's time.
    struct PackedTable {
        private var keys: [UInt64]
        private var values: [UInt8]
        private let shift: UInt64

        init(_ entries: [(UInt64, UInt8)]) {
            var bits: UInt64 = 4
            while (1 << bits) < entries.count * 4 { bits += 1 }
            shift = 64 - bits
            keys = Array(repeating: 0, count: 1 << bits)
            values = Array(repeating: 0, count: 1 << bits)
            for (key, value) in entries {
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
                keys[slot] = key
                values[slot] |= value
            }
        }

        @inline(__always)
        subscript(key: UInt64) -> UInt8? {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let k = keys[slot]
                if k == key { return values[slot] }
                if k == 0 { return nil }
                slot = (slot + 1) & (keys.count - 1)
            }
        }
    }

    @inline(__always)
    private static func packed(_ bytes: [UInt8]) -> UInt64 {
        var key = UInt64(bytes.count) << 56
        for (k, byte) in bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(k)) }
        return key
    }

    /// "fr" or "en" when the block's words say so clearly, else nil.
    static func vote(_ words: [Word]) -> String? {
        var fr = 0, en = 0
        for w in words where w.norm.utf8.count <= longestStopWord {
            guard let bits = stopWords[w.norm] else { continue }
            if bits & 1 != 0 { fr += 1 }
            if bits & 2 != 0 { en += 1 }
        }
        return decide(fr: fr, en: en, wordCount: words.count)
    }

    /// ``vote(_:)`` on the words of `text`, read by the same scan as ``Words/split(_:)`` but
    /// without keeping them: the vote runs on every block, and most blocks (paragraphs with no
    /// date) never need their words otherwise.
    static func vote(text: String) -> String? {
        UTF8Bytes.with(text) { vote(bytes: $0) }
    }

    /// ``vote(text:)`` of the text whose UTF-8 bytes are `b` (valid UTF-8): a block's vote is
    /// read from its bytes, its String made only if something else reads it.
    static func vote(bytes b: UnsafeBufferPointer<UInt8>) -> String? {
        withUnsafePointer(to: packedStopWords) { table in
            var counter = StopWordCounter(table: table)
            Words.scan(b, into: &counter)
            return decide(fr: counter.fr, en: counter.en, wordCount: counter.words)
        }
    }

    /// Counts words and stop words as ``Words/scan(_:into:)`` reads them: a word's folded
    /// bytes are packed into a key as they come (``packed(_:)``); a word longer than a key is
    /// no stop word (``packedStopWords``). The table is borrowed, not copied: a copy in the
    /// counter retained its two arrays for every vote.
    private struct StopWordCounter: WordScanState {
        let table: UnsafePointer<PackedTable>
        var start = -1
        var digitsOnly = true
        var words = 0, fr = 0, en = 0
        /// The folded word's length in bytes and its first 7 bytes packed.
        var length = 0
        var key: UInt64 = 0

        init(table: UnsafePointer<PackedTable>) {
            self.table = table
        }

        mutating func open(at i: Int, capitalised: Bool) {
            start = i
            digitsOnly = true
        }

        /// Masking shift and wrapping arithmetic: `length` is below 7 where it shifts (so the
        /// shift is below 56), and counts bytes of one block's word.
        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if length < 7 { key |= UInt64(byte) &<< (8 &* UInt64(truncatingIfNeeded: length)) }
            length &+= 1
        }

        mutating func appendFolded(_ u: Unicode.Scalar) {
            Words.forEachFoldedByte(u) { append($0) }
        }

        mutating func close(at end: Int) {
            if start >= 0, length > 0 {
                words += 1
                if length <= 7, let bits = table.pointee[key | UInt64(length) << 56] {
                    if bits & 1 != 0 { fr += 1 }
                    if bits & 2 != 0 { en += 1 }
                }
            }
            start = -1
            length = 0
            key = 0
        }
    }

    private static func decide(fr: Int, en: Int, wordCount: Int) -> String? {
        if fr >= 2 && fr >= 2 * en + 1 { return "fr" }
        if en >= 2 && en >= 2 * fr + 1 { return "en" }
        if wordCount <= 8 {
            if fr >= 1 && en == 0 { return "fr" }
            if en >= 1 && fr == 0 { return "en" }
        }
        return nil
    }

    /// The primary subtag, lower case ("fr-FR" → "fr"); nil for an empty tag.
    static func primary(_ tag: String?) -> String? {
        guard let tag, let first = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, !first.isEmpty else { return nil }
        return first.lowercased()
    }

    /// The language of each block, chosen when it is first asked for (``ProseAnalysis/language(of:)``):
    /// the markup's tag, else the block's vote, else the language of the text it introduces
    /// (a heading: the first vote among the next three blocks) or of the block before, else
    /// the page's. Blocks are asked in any order; each answer is the one a pass over every
    /// block in order gives, but only the blocks on the way are voted (a paragraph with no
    /// date far from any date is never read for its language).
    final class Resolver {
        /// The languages met (the markup's primary subtags, the votes', the page's), each once:
        /// the arrays below hold indices into it, plain integers with nothing to release. Arrays
        /// of `String?` and `String??`, three per block, and a copy of every block's text, were
        /// a third of the analysis's teardown. The mutable arrays are read and written without
        /// the run-time exclusivity check (a call per access, a fifth of choosing languages):
        /// the resolver is used by one analysis on one thread, and no access overlaps another
        /// (each reads or writes one element, `names` is appended to only in ``index(of:in:)``).
        @exclusivity(unchecked) private var names: [String] = []
        /// The index of the markup's language (-1: none).
        private let markup: [Int32]
        /// Whether each block was a heading when the analysis began (a byline stops being one
        /// later; the choice keeps the first reading).
        private let headings: [Bool]
        private let pageLanguage: Int32
        /// The vote's language (``notVoted``, ``votedNone`` or an index into `names`).
        @exclusivity(unchecked) private var votes: [Int32]
        /// The language chosen (``notChosen`` or an index into `names`).
        @exclusivity(unchecked) private var chosen: [Int32]

        private static let notVoted: Int32 = -2, votedNone: Int32 = -1, notChosen: Int32 = -1

        /// `blocks` gives the markup's tags and the headings; their texts are read from the
        /// blocks passed to ``language(_:texts:)`` (the same texts).
        init(blocks: [ProseBlock], page: String?) {
            var markup = [Int32](repeating: -1, count: blocks.count)
            var headings = [Bool](repeating: false, count: blocks.count)
            for i in blocks.indices {
                headings[i] = blocks[i].isHeading
                if blocks[i].markupLanguage != nil, let tag = LanguageVote.primary(blocks[i].markupLanguage) {
                    markup[i] = Resolver.index(of: tag, in: &names)
                }
            }
            self.markup = markup
            self.headings = headings
            pageLanguage = Resolver.index(of: LanguageVote.primary(page) ?? "fr", in: &names)
            votes = Array(repeating: Resolver.notVoted, count: blocks.count)
            chosen = Array(repeating: Resolver.notChosen, count: blocks.count)
        }

        private static func index(of name: String, in names: inout [String]) -> Int32 {
            if let k = names.firstIndex(of: name) { return Int32(k) }
            names.append(name)
            return Int32(names.count - 1)
        }

        /// The markup's tag or the block's vote (an index, or ``votedNone``).
        private func voted(_ i: Int, _ texts: [ProseBlock]) -> Int32 {
            let known = votes[i]
            if known != Resolver.notVoted { return known }
            var v = markup[i]
            if v < 0, let vote = texts[i].store.withBytes({ LanguageVote.vote(bytes: $0) }) {
                v = Resolver.index(of: vote, in: &names)
            }
            votes[i] = v
            return v
        }

        /// The language of block `i`; `texts` are the blocks given to ``init(blocks:page:)``
        /// (passed in, not kept: a copy of each block's text store was made and released).
        func language(_ i: Int, texts: [ProseBlock]) -> String {
            if chosen[i] == Resolver.notChosen {
                // Back to the nearest block whose language is known or settled by its own vote,
                // then forward: each block after it takes the one before.
                var k = i
                while k > 0, chosen[k] == Resolver.notChosen, voted(k, texts) == Resolver.votedNone { k -= 1 }
                for j in k...i where chosen[j] == Resolver.notChosen { chosen[j] = choose(j, texts) }
            }
            return names[Int(chosen[i])]
        }

        private func choose(_ i: Int, _ texts: [ProseBlock]) -> Int32 {
            let own = voted(i, texts)
            if own >= 0 { return own }
            // A heading or short line takes the language of the text it introduces.
            var next = Resolver.votedNone
            var j = i + 1
            while next < 0, j < min(i + 4, headings.count) {
                next = voted(j, texts)
                j += 1
            }
            let previous = i > 0 ? chosen[i - 1] : Resolver.notChosen
            let picked = headings[i] ? (next >= 0 ? next : previous) : (previous >= 0 ? previous : next)
            return picked >= 0 ? picked : pageLanguage
        }
    }
}

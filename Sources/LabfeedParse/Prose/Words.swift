// Words and sentences of a block of prose, folded for matching (lower case, no accents), with
// their spans in the original text so that rules can measure distances and quote spans.
// Pure functions of the text; no Foundation locale is consulted.

/// One word of a text: letters and digits; apostrophes and hyphens separate words
/// ("l'atelier" is "l" + "atelier", "table-ronde" is "table" + "ronde").
struct Word: Sendable {
    /// Lower case with accents removed ("évènement" → "evenement", "Œuvre" → "oeuvre").
    var norm: String
    /// Where the word is in the text it was read from.
    var range: Range<String.Index>
    /// The word starts with a capital letter.
    var capitalised: Bool
    /// The word is made of digits only.
    var isNumber: Bool
}

/// What ``Words/scan(_:into:)`` feeds: the word being read (its start in `start`, -1 between
/// words, its folded bytes appended), opened and closed by the scan.
protocol WordScanState {
    var start: Int { get }
    var digitsOnly: Bool { get set }
    mutating func open(at i: Int, capitalised: Bool)
    /// One byte of the folded word (ASCII, already lower case).
    mutating func append(_ byte: UInt8)
    /// A scalar of the word outside ASCII, to fold (``Words/appendFolded(_:to:)``).
    mutating func appendFolded(_ u: Unicode.Scalar)
    mutating func close(at end: Int)
}

enum Words {
    /// Every word of `text`, in order.
    static func split(_ text: String) -> [Word] {
        UTF8Bytes.with(text) { b in
            // The word being read is folded into stack memory (a heap array per call was one
            // of the two allocations of every split).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: WordSplitter.scratchSize) { scratch in
                var splitter = WordSplitter(text: text, count: b.count, scratch: scratch)
                scan(b, into: &splitter)
                return splitter.words
            }
        }
    }

    /// The words of `b` (valid UTF-8) handed to `state` as they are read: ``split(_:)`` keeps
    /// them, ``LanguageVote`` only counts them. One loop for both, so that they cannot disagree
    /// on what a word is.
    @inline(__always)
    static func scan<State: WordScanState>(_ b: UnsafeBufferPointer<UInt8>, into state: inout State) {
        // Read on the UTF-8 bytes, ASCII without decoding a scalar: iterating the
        // UnicodeScalarView was a third of splitting. Ranges are made from byte offsets at
        // scalar boundaries, so they equal the scalar view's indices.
        var i = 0
        while i < b.count {
            let byte = b[i]
            if byte < 0x80 {
                let isDigit = byte >= 0x30 && byte <= 0x39
                let isUpper = byte >= 0x41 && byte <= 0x5A
                if isDigit || isUpper || (byte >= 0x61 && byte <= 0x7A) {
                    if state.start < 0 { state.open(at: i, capitalised: isUpper) }
                    if !isDigit { state.digitsOnly = false }
                    state.append(isUpper ? byte + 32 : byte)
                } else if state.start >= 0 {
                    state.close(at: i)
                }
                i += 1
                continue
            }
            let (v, length) = UTF8Bytes.scalar(at: i, in: b)
            let u = Unicode.Scalar(v)!
            if isWordScalar(u) {
                if state.start < 0 { state.open(at: i, capitalised: isUppercase(u)) }
                state.digitsOnly = false
                state.appendFolded(u)
            } else if state.start >= 0 {
                state.close(at: i)
            }
            i += length
        }
        state.close(at: b.count)
    }

    /// The state of ``split(_:)``: the word being read (its folded bytes built as UTF-8:
    /// appending to a String scalar by scalar was most of the cost of splitting) and the words.
    private struct WordSplitter: WordScanState {
        static let scratchSize = 64
        let utf8: String.UTF8View
        var words: [Word] = []
        /// The folded bytes of the word being read: the first ``scratchSize`` in `scratch`
        /// (stack memory of ``split(_:)``), all of them in `spill` past that.
        let scratch: UnsafeMutableBufferPointer<UInt8>
        var normCount = 0
        var spill: [UInt8] = []
        /// Byte offset of the word being read, -1 between words.
        var start = -1
        var capitalised = false
        var digitsOnly = true

        init(text: String, count: Int, scratch: UnsafeMutableBufferPointer<UInt8>) {
            utf8 = text.utf8
            self.scratch = scratch
            // A word and its separator take five or six bytes in running text, but short texts
            // (dates, headings) and number runs have shorter ones: `count / 6` regrew 56,341
            // arrays of the 200 pages.
            words.reserveCapacity(count / 4 + 2)
        }

        mutating func open(at i: Int, capitalised: Bool) {
            start = i
            self.capitalised = capitalised
            digitsOnly = true
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if normCount < scratch.count {
                scratch[normCount] = byte
            } else {
                if normCount == scratch.count {
                    spill.removeAll(keepingCapacity: true)
                    spill.append(contentsOf: scratch)
                }
                spill.append(byte)
            }
            normCount += 1
        }

        mutating func appendFolded(_ u: Unicode.Scalar) { Words.forEachFoldedByte(u) { append($0) } }

        mutating func close(at end: Int) {
            if start >= 0, normCount > 0 {
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                let upper = utf8.index(lower, offsetBy: end - start)
                // A word up to 15 bytes of ASCII (most folded words) becomes a small String
                // with no validation: `String(unsafeUninitializedCapacity:...)` checks such
                // bytes with one mask and repairs others as `String(decoding:)` does (the same
                // String either way); `String(decoding:)` ran its whole validation per word.
                let norm = normCount <= scratch.count
                    ? String(unsafeUninitializedCapacity: normCount) { out in
                        _ = out.initialize(from: UnsafeBufferPointer(rebasing: scratch[..<normCount]))
                        return normCount
                    }
                    : String(decoding: spill, as: UTF8.self)
                words.append(Word(norm: norm, range: lower..<upper, capitalised: capitalised, isNumber: digitsOnly))
            }
            start = -1
            normCount = 0
        }
    }

    /// The first and the last word of `b` (valid UTF-8) that are not numbers, each as the
    /// pair of its folded form's first byte and byte count (the count capped at 31), as
    /// ``split(_:)`` would give their `norm`s: nil when every word is a number or there is
    /// none. The heading zone switch asks only whether these two words can start or end a
    /// heading it knows (``ProseAnalysis/headingWordSlot(_:)``); splitting all 23,000 headings
    /// of the 200 pages into words for it was 54 M instructions.
    static func endWords(_ b: UnsafeBufferPointer<UInt8>) -> (first: EndWord, last: EndWord)? {
        var state = EndWordScanner(numbers: false)
        scan(b, into: &state)
        guard let first = state.first, let last = state.last else { return nil }
        return (first, last)
    }

    /// The first word of `b` (valid UTF-8), number or not, as ``endWords(_:)`` gives words: the
    /// `norm` of `split(text).first`. Read from the first 64 bytes (cut at a scalar boundary)
    /// when the word ends before the cut, else from the whole text.
    static func firstWord(_ b: UnsafeBufferPointer<UInt8>) -> EndWord? {
        if let ascii = asciiFirstWord(b) { return ascii }
        var cut = min(b.count, 64)
        while cut > 0, cut < b.count, b[cut] & 0xC0 == 0x80 { cut -= 1 }
        var state = EndWordScanner(numbers: true)
        scan(UnsafeBufferPointer(rebasing: b[..<cut]), into: &state)
        if cut == b.count { return state.first }
        if let first = state.first, state.firstEnd < cut { return first }
        var whole = EndWordScanner(numbers: true)
        scan(b, into: &whole)
        return whole.first
    }

    /// ``firstWord(_:)`` read on ASCII bytes alone, where the scan (a state update per byte of
    /// the first 64) was a third of describing an event's place: the first run of ASCII letters
    /// and digits, between ASCII bytes that are neither (or the text's ends), is the first
    /// word, its folded form its bytes in lower case. Nil (the scan answers) when a byte past
    /// ASCII comes before the word ends or right after it: it may be, or continue, a word.
    static func asciiFirstWord(_ b: UnsafeBufferPointer<UInt8>) -> EndWord?? {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c >= 0x80 { return nil }
            if isASCIILetterOrDigit(c) { break }
            i += 1
        }
        // No letter or digit, all of ASCII: no word.
        guard i < n else { return .some(nil) }
        var j = i + 1
        while j < n, isASCIILetterOrDigit(b[j]) { j += 1 }
        if j < n, b[j] >= 0x80 { return nil }
        let first = b[i] &- 0x41 < 26 ? b[i] | 0x20 : b[i]
        return .some(EndWord(firstByte: first, length: min(j - i, 31)))
    }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 }

    /// A word as ``endWords(_:)`` gives it: its folded form's first byte and length (capped at 31).
    struct EndWord: Equatable {
        var firstByte: UInt8
        var length: Int
    }

    /// The state of ``endWords(_:)``: only the folded word's first byte and length are kept.
    private struct EndWordScanner: WordScanState {
        /// Whether words of digits count (``firstWord(_:)``) or are passed over (``endWords(_:)``).
        let numbers: Bool
        var start = -1
        var digitsOnly = true
        var firstByte: UInt8 = 0
        var length = 0
        var first: EndWord?
        /// Where the first word ends.
        var firstEnd = 0
        var last: EndWord?

        init(numbers: Bool) {
            self.numbers = numbers
        }

        mutating func open(at i: Int, capitalised: Bool) {
            start = i
            digitsOnly = true
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if length == 0 { firstByte = byte }
            length += 1
        }

        mutating func appendFolded(_ u: Unicode.Scalar) { Words.forEachFoldedByte(u) { append($0) } }

        mutating func close(at end: Int) {
            // As the splitter: a word whose folded form is empty (combining marks alone) is no word.
            if start >= 0, length > 0, numbers || !digitsOnly {
                let word = EndWord(firstByte: firstByte, length: min(length, 31))
                if first == nil {
                    first = word
                    firstEnd = end
                }
                last = word
            }
            start = -1
            length = 0
        }
    }

    /// `text` folded as words are: lower case, no accents, other characters kept.
    static func fold(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            if u.value < 0x80 {
                appendFolded(u, to: &out)
            } else if u == "\u{2019}" || u == "\u{2018}" || u == "\u{02BC}" {
                out.append(0x27)
            } else if u.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                appendFolded(u, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the UTF-8 text `b` (valid) holds a scalar for which ``isWordScalar(_:)`` is
    /// true: `String.unicodeScalars.contains(where: isWordScalar)` on the bytes.
    static func containsWordScalar(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                if c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 { return true }
                i += 1
                continue
            }
            let (value, length) = UTF8Bytes.scalar(at: i, in: b)
            if let u = Unicode.Scalar(value), isWordScalar(u) { return true }
            i += length
        }
        return false
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v < 0x3000 { return wordScalars[Int(v)] }
        return isWordScalarByProperties(u)
    }

    /// The rule itself, from the Unicode properties: the reference ``wordScalarRanges`` is
    /// checked against, and the answer past U+2FFF.
    ///
    /// Never inlined, nor are ``isUppercase(_:)`` and ``lowercaseMapping(_:)``: inlined, the
    /// properties' resilient types made every function that holds them (the word scans, the
    /// blocks' `containsWordScalar`) fetch their metadata and reserve stack for them on entry,
    /// about 130 instructions a call whether or not a scalar past U+2FFF was met (9 M of the
    /// 200 pages in `containsWordScalar` alone).
    @inline(never)
    static func isWordScalarByProperties(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v == 0xB0 || v == 0xBA || v == 0xAA { return false }  // "n°", "1º"
        let p = u.properties
        return p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark
    }

    // The table for U+0000-U+2FFF (``wordScalars``: looking the properties up per scalar was a
    // tenth of the prose time) is built from ranges, in Words+ScalarTable.swift.

    /// Appends the folded form of one scalar, as UTF-8.
    static func appendFolded(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        forEachFoldedByte(u) { out.append($0) }
    }

    /// The bytes of the folded form of one scalar (UTF-8), handed to `body` in order: no
    /// array needed by a reader that folds into a buffer of its own.
    @inline(__always)
    static func forEachFoldedByte(_ u: Unicode.Scalar, _ body: (UInt8) -> Void) {
        let v = u.value
        if v < 0x80 {
            body(UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v))
            return
        }
        switch v {
        case 0x300...0x36F: return
        case 0xC0...0xC5, 0xE0...0xE5: body(0x61)
        case 0xC6, 0xE6: body(0x61); body(0x65)
        case 0xC7, 0xE7: body(0x63)
        case 0xC8...0xCB, 0xE8...0xEB: body(0x65)
        case 0xCC...0xCF, 0xEC...0xEF: body(0x69)
        case 0xD1, 0xF1: body(0x6E)
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: body(0x6F)
        case 0xD9...0xDC, 0xF9...0xFC: body(0x75)
        case 0xDD, 0xFD, 0xFF: body(0x79)
        case 0xDF: body(0x73); body(0x73)
        case 0x152, 0x153: body(0x6F); body(0x65)
        case 0x2019, 0x2018: body(0x27)
        default:
            for byte in lowercaseMapping(u).utf8 { body(byte) }
        }
    }

    /// `u.properties.lowercaseMapping`, out of line (see ``isWordScalarByProperties(_:)``).
    @inline(never)
    static func lowercaseMapping(_ u: Unicode.Scalar) -> String { u.properties.lowercaseMapping }

    /// `u.properties.isUppercase`, out of line (see ``isWordScalarByProperties(_:)``). Below
    /// U+0100 (most scalars past ASCII in French text: a word opening on "à", "é", "É") from
    /// the ranges: the capitals there are "A"-"Z" and U+00C0-U+00DE but "×" (U+00D7), and no
    /// other scalar is uppercase ("ª", "º", "µ" are not); the property lookup was 300
    /// instructions a word.
    /// WordsScalarShortcutTests compares both on every scalar below U+0100.
    @inline(never)
    static func isUppercase(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v &- 0x41 < 26 }
        if v < 0x100 { return v >= 0xC0 && v <= 0xDE && v != 0xD7 }
        return u.properties.isUppercase
    }

    /// The sentences of `text` as ranges: a break after ".", "!", "?" or "…" followed by space
    /// and a capital, a digit, a quote or the end, unless the word before is an abbreviation
    /// ("M.", "Dr.", "n°"); and at every line break.
    static func sentences(_ text: String) -> [Range<String.Index>] {
        sentencesByScalars(text) ?? sentencesByCharacters(text)
    }

    /// Whether the scalar `v` is a Character of its own whatever its neighbours are: below
    /// U+0300 (no scalar there extends, prepends to or joins another: the first grapheme
    /// extenders are the combining marks U+0300-U+036F) but CR (CR LF is one Character), the
    /// general punctuation U+2010-U+2027 and U+2030-U+205E (dashes, quotes, "…", "•", "‰":
    /// no joiner, no format control), and the euro sign.
    @inline(__always)
    static func isLoneCharacterScalar(_ v: UInt32) -> Bool {
        v < 0x300 ? v != 0x0D : (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || v == 0x20AC
    }

    /// ``sentencesByCharacters(_:)`` read on the UTF-8 bytes, for a text whose every scalar is
    /// a Character of its own (``isLoneCharacterScalar(_:)``; nil for any other text): the
    /// Character loop cost about 10,000 instructions a date block. The punctuation and spaces
    /// it compares are then single scalars, compared as bytes (none of the scalars allowed
    /// is canonically equivalent to another); where a Character's properties are asked (the
    /// start of the next sentence, an abbreviation, the trim) the same Character functions run
    /// on the same indices.
    static func sentencesByScalars(_ text: String) -> [Range<String.Index>]? {
        UTF8Bytes.with(text) { b -> [Range<String.Index>]? in
            var p = 0
            while p < b.count {
                if b[p] < 0x80 {
                    if b[p] == 0x0D { return nil }
                    p += 1
                    continue
                }
                let (v, length) = UTF8Bytes.scalar(at: p, in: b)
                guard isLoneCharacterScalar(v) else { return nil }
                p += length
            }
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            /// The scalar at `q` is one of ".!?…»\")”’" (the run of closing punctuation); its length.
            func closing(_ q: Int) -> Int? {
                switch b[q] {
                case 0x2E, 0x21, 0x3F, 0x22, 0x29: return 1
                case 0xC2: return q + 1 < b.count && b[q + 1] == 0xBB ? 2 : nil
                case 0xE2: return q + 2 < b.count && b[q + 1] == 0x80 && (b[q + 2] == 0xA6 || b[q + 2] == 0x9D || b[q + 2] == 0x99) ? 3 : nil
                default: return nil
                }
            }
            var out: [Range<String.Index>] = []
            var start = 0
            func push(_ end: Int) {
                let r = trimmed(text, index(start)..<index(end))
                if !r.isEmpty { out.append(r) }
            }
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0A {
                    push(i)
                    start = i + 1
                    i += 1
                    continue
                }
                let isEllipsis = c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0xA6
                guard c == 0x2E || c == 0x21 || c == 0x3F || isEllipsis else {
                    i += 1
                    continue
                }
                var j = i + (isEllipsis ? 3 : 1)
                while j < b.count, let length = closing(j) { j += length }
                var k = j
                while k < b.count {
                    if b[k] == 0x20 || b[k] == 0x09 { k += 1 } else if b[k] == 0xC2, k + 1 < b.count, b[k + 1] == 0xA0 { k += 2 } else { break }
                }
                let atEnd = k == b.count || b[k] == 0x0A
                let spaced = k > j
                if atEnd || (spaced && startsSentence(text[index(k)]) && !(c == 0x2E && isAbbreviation(before: index(i), in: text))) {
                    push(j)
                    start = k
                    i = k
                    continue
                }
                i = j
            }
            push(b.count)
            return out
        }
    }

    /// The sentences read Character by Character: the reference, and the reading of texts
    /// ``sentencesByScalars(_:)`` leaves.
    static func sentencesByCharacters(_ text: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var start = text.startIndex
        var i = text.startIndex
        func push(_ end: String.Index) {
            let r = trimmed(text, start..<end)
            if !r.isEmpty { out.append(r) }
        }
        while i < text.endIndex {
            let c = text[i]
            if c == "\n" {
                push(i)
                start = text.index(after: i)
            } else if c == "." || c == "!" || c == "?" || c == "…" {
                var j = text.index(after: i)
                // Runs of closing punctuation stay with the sentence ("!»", "?)", "...").
                while j < text.endIndex, ".!?…»\")”’".contains(text[j]) { j = text.index(after: j) }
                var k = j
                while k < text.endIndex, text[k] == " " || text[k] == "\u{A0}" || text[k] == "\t" { k = text.index(after: k) }
                let atEnd = k == text.endIndex || text[k] == "\n"
                let spaced = k > j
                if atEnd || (spaced && startsSentence(text[k]) && !(c == "." && isAbbreviation(before: i, in: text))) {
                    push(j)
                    start = k
                    i = k
                    continue
                }
                i = j
                continue
            }
            i = text.index(after: i)
        }
        push(text.endIndex)
        return out
    }

    private static func startsSentence(_ c: Character) -> Bool {
        c.isUppercase || c.isNumber || "«\"“'‘([•-–—*".contains(c)
    }

    private static let abbreviations: Set<String> = [
        "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "prof", "st", "ste", "av", "bd", "no", "n", "cf", "p", "pp",
        "vol", "mr", "mrs", "ms", "jr", "sr", "tel", "env", "hab", "ex", "eg", "ie", "vs", "fig", "chap", "art",
    ]

    private static func isAbbreviation(before dot: String.Index, in text: String) -> Bool {
        var s = dot
        while s > text.startIndex {
            let p = text.index(before: s)
            if !text[p].isLetter { break }
            s = p
        }
        let word = text[s..<dot]
        if word.isEmpty { return false }
        if word.count == 1, word.first!.isUppercase { return true }  // an initial: "J. Dupont"
        return abbreviations.contains(fold(word))
    }

    /// `range` without leading and trailing white space.
    ///
    /// A Character is white space when its first scalar is (`Character.isWhitespace`): one
    /// starting with an ASCII byte is read from that byte. At the end, an ASCII byte that is not
    /// white space before `b` ends the trim at once: the Character it ends starts with it or
    /// with a prepended scalar, neither white space. Only the other cases read the Characters
    /// (each Character's properties were 400 instructions a sentence).
    static func trimmed(_ text: String, _ range: Range<String.Index>) -> Range<String.Index> {
        var a = range.lowerBound, b = range.upperBound
        let utf8 = text.utf8
        while a < b {
            let byte = utf8[a]
            let white = byte < 0x80 ? byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) : text[a].isWhitespace
            guard white else { break }
            a = text.index(after: a)
        }
        while b > a {
            let byte = utf8[utf8.index(before: b)]
            if byte < 0x80, byte != 0x20, byte < 0x09 || byte > 0x0D { break }
            guard text[text.index(before: b)].isWhitespace else { break }
            b = text.index(before: b)
        }
        return a..<b
    }
}

extension String {
    /// Runs of white space as one space, no leading or trailing space; line breaks kept as
    /// single "\n" when `keepLines`.
    func collapsingSpaces(keepLines: Bool = false) -> String {
        UTF8Bytes.with(self) { b in String.collapsingSpaces(b, keepLines: keepLines, whole: self) }
    }

    /// `collapsingSpaces(keepLines:)` of the string whose UTF-8 bytes are `b` (valid UTF-8, as
    /// a String's): a block's text gathered as bytes becomes one String here.
    static func collapsingSpaces(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool) -> String {
        collapsingSpaces(b, keepLines: keepLines, whole: nil)
    }

    /// The collapsing; `whole` is the string of `b` when there is one (returned as it is when
    /// nothing changes).
    private static func collapsingSpaces(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool, whole: String?) -> String {
        // Text already collapsed but for white space at its ends (a paragraph written on
        // one line, most of a page's text) is returned as it is or cut, after a scan that
        // writes nothing.
        if let core = String.collapsedCore(b) {
            if core.count == b.count, let whole { return whole }
            return String(decoding: UnsafeBufferPointer(rebasing: b[core]), as: UTF8.self)
        }
        return UTF8Bytes.string(collapsedCopy(b, keepLines: keepLines))
    }

    /// The UTF-8 bytes of `collapsingSpaces(b, keepLines:)`, with no String made (a block's
    /// text, read as a String only near a date).
    static func collapsedSpaces(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool) -> [UInt8] {
        if let core = String.collapsedCore(b) { return Array(b[core]) }
        return collapsedCopy(b, keepLines: keepLines)
    }

    /// ``BlockTextStore`` of `collapsedSpaces(b, keepLines:)`: a text already collapsed of up
    /// to 15 bytes becomes its (inline) String with no array made on the way.
    static func collapsedStore(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool) -> BlockTextStore {
        collapsedStore(b, keepLines: keepLines, core: nil)
    }

    /// ``collapsedStore(_:keepLines:)`` when the caller may know `collapsedCore(b)` already
    /// (the block builder, from its pieces' ``TextShape``s): `core` must be it or nil (scanned).
    static func collapsedStore(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool, core known: Range<Int>?) -> BlockTextStore {
        collapsedStore(b, keepLines: keepLines, core: known, in: BlockTextPage())
    }

    /// ``collapsedStore(_:keepLines:core:)`` with the bytes added to `page` (the block
    /// builder's one page for all its blocks).
    static func collapsedStore(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool, core known: Range<Int>?,
                               in page: BlockTextPage) -> BlockTextStore {
        if let core = known ?? String.collapsedCore(b) {
            return BlockTextStore(UnsafeBufferPointer(rebasing: b[core]), in: page)
        }
        return collapsedCopy(b, keepLines: keepLines).withUnsafeBufferPointer { BlockTextStore($0, in: page) }
    }

    /// The collapsing scan of a text that is not already collapsed.
    private static func collapsedCopy(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool) -> [UInt8] {
        // Written through a pointer into a buffer of the input's size (the output is never
        // longer): appending to an array checked its capacity and uniqueness per byte.
        let out = [UInt8](unsafeUninitializedCapacity: b.count) { buffer, count in
            var n = 0
            var pendingSpace = false
            var pendingLine = false
            var i = 0
            while i < b.count {
                let c = b[i]
                // Printable ASCII, most bytes: copied with no scalar decoding or switch.
                if c > 0x20 && c < 0x7F {
                    if n > 0 {
                        if pendingLine { buffer[n] = 0x0A; n += 1 } else if pendingSpace { buffer[n] = 0x20; n += 1 }
                    }
                    pendingLine = false
                    pendingSpace = false
                    buffer[n] = c
                    n += 1
                    i += 1
                    continue
                }
                var length = 1
                var value = UInt32(c)
                if c >= 0x80 { (value, length) = UTF8Bytes.scalar(at: i, in: b) }
                switch value {
                case 0x0A, 0x0D, 0x2028, 0x2029:
                    if keepLines { pendingLine = true } else { pendingSpace = true }
                case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x85:
                    pendingSpace = true
                default:
                    if n > 0 {
                        if pendingLine { buffer[n] = 0x0A; n += 1 } else if pendingSpace { buffer[n] = 0x20; n += 1 }
                    }
                    pendingLine = false
                    pendingSpace = false
                    for k in i..<(i + length) {
                        buffer[n] = b[k]
                        n += 1
                    }
                }
                i += length
            }
            count = n
        }
        return out
    }

    /// The bytes `collapsingSpaces` keeps as they are when the text is already collapsed but
    /// for white space at its ends (which the collapsing drops, in either mode): between the
    /// first and the last other character, nothing but single spaces. Nil when anything else
    /// is met (two spaces, a tab or a line break inside, a control character).
    static func collapsedCore(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var first = -1, end = 0
        var spaces = 0  // spaces since the last other character
        var other = false  // white space other than one space since the last other character
        var i = 0
        while i < b.count {
            let c = b[i]
            // A run of printable ASCII, most of the text, in a tight loop.
            if c > 0x20 && c < 0x80 {
                if first < 0 {
                    first = i
                } else if spaces > 1 || other {
                    return nil
                }
                spaces = 0
                other = false
                i += 1
                while i < b.count, b[i] > 0x20, b[i] < 0x80 { i += 1 }
                end = i
                continue
            }
            var length = 1
            var space = false
            if c == 0x20 {
                spaces += 1
                i += 1
                continue
            } else if c < 0x20 {
                guard (0x09...0x0D).contains(c) else { return nil }
                space = true
            } else if c >= 0x80 {
                // U+0085, U+00A0 (C2), U+1680 (E1), U+2000-U+205F (E2), U+3000 (E3): the scalars
                // the collapsing treats as white space, checked exactly.
                switch c {
                case 0xC2:
                    length = 2
                    space = i + 1 < b.count && (b[i + 1] == 0x85 || b[i + 1] == 0xA0)
                case 0xE1, 0xE2, 0xE3:
                    length = 3
                    if i + 2 < b.count {
                        let (c1, c2) = (b[i + 1], b[i + 2])
                        switch c {
                        case 0xE1: space = c1 == 0x9A && c2 == 0x80
                        case 0xE2: space = (c1 == 0x80 && ((0x80...0x8A).contains(c2) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
                            || (c1 == 0x81 && c2 == 0x9F)
                        default: space = c1 == 0x80 && c2 == 0x80
                        }
                    }
                default:
                    // Other lead bytes and continuation bytes: part of a character kept as is.
                    length = 1
                }
            }
            if space {
                other = true
            } else {
                if first < 0 {
                    first = i
                } else if spaces > 1 || other {
                    return nil
                }
                spaces = 0
                other = false
                end = i + length
            }
            i += length
        }
        return first < 0 ? 0..<0 : first..<end
    }

    /// `count >= n`, with the Characters counted only up to `n`, and not at all when the bytes
    /// tell (``UTF8Bytes/hasAtLeastCharacters(_:_:)``): `count` walked every Character of the
    /// text, about 700 instructions for a short title, tens of thousands for a paragraph.
    func hasAtLeast(characters n: Int) -> Bool {
        if let known = UTF8Bytes.with(self, { UTF8Bytes.hasAtLeastCharacters(n, $0) }) { return known }
        // Stepped by index: iterating made each Character a String.
        var seen = 0
        var i = startIndex
        while i < endIndex {
            i = index(after: i)
            seen += 1
            if seen >= n { return true }
        }
        return false
    }

    /// At most `limit` characters, cut at a word boundary with "…".
    func shortened(to limit: Int) -> String {
        guard hasAtLeast(characters: limit + 1) else { return self }
        let cut = prefix(limit)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            return String(cut[..<space]).trimmingTrailingPunctuation() + "…"
        }
        return String(cut) + "…"
    }

    /// Without trailing spaces and separators (",", ":", ";", "-", "–", "—", "|").
    func trimmingTrailingPunctuation() -> String {
        // On the bytes while the last Character is plainly one ASCII byte: the Character walk
        // from the end, and the search of the separators' String per Character, cost about
        // 4,000 instructions a title.
        let kept = UTF8Bytes.with(self) { b -> Int? in
            var n = b.count
            while n > 0 {
                let c = b[n - 1]
                // An ASCII byte after an ASCII byte other than CR is a Character of its own
                // (CR LF is the only ASCII pair that makes one; a non-ASCII scalar before it
                // may be a prefix that joins it): otherwise the Characters decide.
                guard c < 0x80, n == 1 || (b[n - 2] < 0x80 && !(b[n - 2] == 0x0D && c == 0x0A)) else { return nil }
                guard String.isTrimmedASCII(c, leading: false) else { break }
                n -= 1
            }
            return n
        }
        guard let kept else { return trimmingTrailingPunctuationByCharacters() }
        return kept == utf8.count ? self : String(self[..<utf8.index(startIndex, offsetBy: kept)])
    }

    /// ``trimmingTrailingPunctuation()`` on Characters: the reference, and the path of texts
    /// whose end the bytes do not settle.
    func trimmingTrailingPunctuationByCharacters() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace || ",:;-–—|/(".contains(last) { s = s.dropLast() }
        return String(s)
    }

    /// Without leading spaces and separators.
    func trimmingLeadingPunctuation() -> String {
        // On the bytes while the first Character is plainly one ASCII byte: one followed by an
        // ASCII byte (not CR LF; a non-ASCII scalar after it may extend it).
        let cut = UTF8Bytes.with(self) { b -> Int? in
            var n = 0
            while n < b.count {
                let c = b[n]
                guard c < 0x80, n + 1 == b.count || (b[n + 1] < 0x80 && !(c == 0x0D && b[n + 1] == 0x0A)) else { return nil }
                guard String.isTrimmedASCII(c, leading: true) else { break }
                n += 1
            }
            return n
        }
        guard let cut else { return trimmingLeadingPunctuationByCharacters() }
        return cut == 0 ? self : String(self[utf8.index(startIndex, offsetBy: cut)...])
    }

    /// ``trimmingLeadingPunctuation()`` on Characters: the reference, and the path of texts
    /// whose start the bytes do not settle.
    func trimmingLeadingPunctuationByCharacters() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace || ",:;-–—|/•·*)".contains(first) { s = s.dropFirst() }
        return String(s)
    }

    /// Whether the ASCII byte `c`, a Character of its own, is trimmed: white space (U+0009-U+000D,
    /// U+0020) or one of the ASCII separators of the trailing (",:;-|/(") or leading
    /// (",:;-|/*)") trim.
    @inline(__always)
    static func isTrimmedASCII(_ c: UInt8, leading: Bool) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0x2C, 0x3A, 0x3B, 0x2D, 0x7C, 0x2F: true
        case 0x28: !leading
        case 0x2A, 0x29: leading
        default: false
        }
    }

    /// The first letter in upper case.
    var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

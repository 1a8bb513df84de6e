// The page as the extractor reads it: blocks of text (headings, paragraphs, list items, table
// rows) in reading order, each with its zone (main content, comments, sidebar...), language
// and the inline facts rules need (bold lead-in, main link). HTML and plain text both become
// this, so every rule after this point is shared.
// An HTML block keeps its text as collapsed UTF-8 bytes and makes its String on first read
// (``BlockTextStore``): most blocks are only asked whether they hold a digit.

import Synchronization

/// Where a block sits on the page.
enum ProseZone: String, Sendable, Hashable {
    /// The article or programme body: the only zone events are taken from.
    case main
    /// The article's own byline, dates, tags and share line.
    case meta
    case comment, related, navigation, sidebar, header, footer, cookie, share, form
    /// Outside the main content, in no recognised area.
    case outside

    /// The reason a date here is not an event (nil for the main zone).
    var rejection: ProseRejection? {
        switch self {
        case .main: nil
        case .meta: .publicationDate
        case .comment: .comment
        case .related: .relatedArticles
        case .navigation: .navigation
        case .sidebar: .sidebar
        case .header, .footer: .headerFooter
        case .cookie, .share: .widget
        case .form, .outside: .outsideMainContent
        }
    }
}

/// One block of text.
struct ProseBlock: Sendable {
    enum Kind: Sendable, Hashable {
        /// h1…h6, or a short plain-text line standing alone before a paragraph (level 2).
        case heading(Int)
        case paragraph
        case listItem
        case tableRow
    }

    var kind: Kind
    /// Whitespace collapsed; "\n" where the page broke the line (`<br>`, a new line in text).
    /// Made on first read from the block's bytes, then kept.
    var text: String { store.string }
    /// The text's bytes and, once read, its String.
    let store: BlockTextStore
    var zone: ProseZone
    /// BCP 47 tag from the nearest `lang` below the page's own, when there is one.
    var markupLanguage: String?
    /// A bold or strong run at the start of the block ("**Atelier design** : le 8 novembre…").
    var leadIn: String?
    /// The block's main link: the first link, when its text is a good part of the block.
    var link: String?
    var linkText: String?
    /// Where the block is, for `--explain`: a label, or the element that owns the block, whose
    /// path ``ProseAnalysis/path(ofBlock:)`` builds on demand (only explained dates read it,
    /// and building it for every block was 2% of a page).
    var location: Location

    enum Location: Sendable {
        case label(String)
        case element(Int)
    }
    /// Inside an element whose class or id says agenda, events or programme.
    var agenda: Bool = false
    /// Marked by the page as the article's metadata (an inline `.published`, `.byline`...).
    var metaMarked: Bool = false
    /// The list item or card the block is in: blocks with the same group are one agenda item
    /// (its title, its date line, its place line). Nil outside items and in plain text.
    var group: Int?
    /// The page marks the block as a place (class "lieu", "location", itemprop location).
    var placeHint: Bool = false
    /// A `datetime` attribute inside the block (`<time datetime="2022-11-08">`), when there is one.
    var machineDate: String?

    init(kind: Kind, text: String, zone: ProseZone, path: String) {
        self.init(kind: kind, text: text, zone: zone, location: .label(path))
    }

    init(kind: Kind, text: String, zone: ProseZone, location: Location) {
        self.init(kind: kind, store: BlockTextStore(string: text), zone: zone, location: location)
    }

    init(kind: Kind, store: BlockTextStore, zone: ProseZone, location: Location) {
        self.kind = kind
        self.store = store
        self.zone = zone
        self.location = location
    }

    var isHeading: Bool { if case .heading = kind { true } else { false } }

    var headingLevel: Int? { if case .heading(let l) = kind { l } else { nil } }
}

/// A block's text: either a String already made (plain text, tests, and texts of up to 15
/// bytes, which Swift keeps inline with no allocation) or the UTF-8 bytes of one (valid UTF-8,
/// spaces already collapsed) in its page's ``BlockTextPage``, made a String on first read and
/// kept there. Of a page's blocks only those near a date are read as Strings; the rest are
/// asked byte questions (a digit, the length) only, and validating every block's String was
/// 2.5% of a page's instructions.
struct BlockTextStore: Sendable {
    private enum Storage: Sendable {
        case string(String)
        /// Bytes `start..<end` of the page's buffer; `slot` names the block's String there.
        case page(BlockTextPage, start: Int32, end: Int32, slot: Int32)
    }

    private let storage: Storage

    init(string: String) {
        storage = .string(string)
    }

    /// `bytes` must be valid UTF-8 (the String is made with `String(decoding:as:)`, which would
    /// repair anything else, so the String is the same either way). A page of its own: the
    /// block builder adds its blocks to one page (``init(_:in:)``).
    init(bytes: [UInt8]) {
        if bytes.count <= 15 {
            storage = .string(UTF8Bytes.string(bytes))
        } else {
            let page = BlockTextPage()
            self = bytes.withUnsafeBufferPointer { BlockTextStore($0, in: page) }
        }
    }

    /// The bytes `b` (valid UTF-8) appended to `page` (or an inline String of up to 15 bytes).
    init(_ b: UnsafeBufferPointer<UInt8>, in page: BlockTextPage) {
        if b.count <= 15 {
            storage = .string(String(decoding: b, as: UTF8.self))
            return
        }
        let (start, end, slot) = page.add(b)
        storage = .page(page, start: start, end: end, slot: slot)
    }

    /// Bytes `start..<end` of the buffer `page` is given by ``BlockTextPage/fill(bytes:blocks:)``
    /// (valid UTF-8), read as the block of slot `slot` (below the `blocks` given there, one
    /// slot per block).
    init(page: BlockTextPage, start: Int32, end: Int32, slot: Int32) {
        storage = .page(page, start: start, end: end, slot: slot)
    }

    var string: String {
        switch storage {
        case .string(let s): return s
        case .page(let page, let start, let end, let slot): return page.string(start, end, slot: slot)
        }
    }

    /// The text's length in UTF-8 bytes.
    var utf8Count: Int {
        switch storage {
        case .string(let s): s.utf8.count
        case .page(_, let start, let end, _): Int(end - start)
        }
    }

    /// `text.count >= n`, asked of the bytes first (``UTF8Bytes/hasAtLeastCharacters(_:_:)``):
    /// the String is made only when they do not tell.
    func hasAtLeast(characters n: Int) -> Bool {
        switch storage {
        case .string(let s): return s.hasAtLeast(characters: n)
        case .page(let page, let start, let end, _):
            if let known = page.withBytes(start, end, { UTF8Bytes.hasAtLeastCharacters(n, $0) }) { return known }
            return string.hasAtLeast(characters: n)
        }
    }

    /// `body` on the text's UTF-8 bytes, without making its String when it is not made yet.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .string(let s): UTF8Bytes.with(s, body)
        case .page(let page, let start, let end, _): page.withBytes(start, end, body)
        }
    }

    /// Whether the text holds a scalar for which ``Words/isWordScalar(_:)`` is true.
    var containsWordScalar: Bool {
        switch storage {
        case .string(let s): UTF8Bytes.with(s) { Words.containsWordScalar($0) }
        case .page(let page, let start, let end, _): page.withBytes(start, end) { Words.containsWordScalar($0) }
        }
    }

    /// Whether the text holds an ASCII digit (``ProseAnalysis/hasDigit(_:)-swift.type.method``).
    var hasDigit: Bool {
        switch storage {
        case .string(let s): ProseAnalysis.hasDigit(s)
        case .page(let page, let start, let end, _): page.withBytes(start, end) { ProseAnalysis.hasDigit($0) }
        }
    }
}

/// The collapsed bytes of a page's blocks in one buffer, and each block's String once made:
/// one allocation for the page's texts where a box and an array per block were two (46,000
/// of the 200 pages). Bytes are only appended (``add(_:)``) or given whole
/// (``fill(bytes:blocks:)``), by the block builder, before any block leaves it; the Strings
/// are made and kept under a lock, once each.
final class BlockTextPage: @unchecked Sendable {
    // Unchecked: written only by `add` and `fill`, on the builder's thread, while no block of
    // the page has left it (each access of a class's stored property was otherwise checked at
    // run time).
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var blocks: Int32 = 0
    /// The Strings made, and by block slot an index into them (-1: not read yet; grown to the
    /// block count on first read): integers per block, where an array of `String?` was freed
    /// element by element through the generic optional's destroy.
    private struct Made {
        var slots: [Int32] = []
        var strings: [String] = []
    }
    private let strings = Mutex(Made())

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `b`; its range in the buffer and its slot. Past 2 GB of one page's blocks (far
    /// beyond any page) the offsets would not fit: a trap rather than a wrong text.
    func add(_ b: UnsafeBufferPointer<UInt8>) -> (start: Int32, end: Int32, slot: Int32) {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: b)
        blocks += 1
        return (start, Int32(bytes.count), blocks - 1)
    }

    /// Gives the page its buffer whole (the block builder's, which gathered and collapsed the
    /// blocks' texts in it) and its block count, once, before any block of the page is read:
    /// the stores made with ``BlockTextStore/init(page:start:end:slot:)`` name spans of it.
    /// Past 2 GB of one page's blocks the offsets would not fit: a trap rather than a wrong text.
    func fill(bytes: [UInt8], blocks: Int32) {
        precondition(self.bytes.isEmpty && self.blocks == 0 && bytes.count <= Int(Int32.max), "a page is filled once, under 2 GB")
        self.bytes = bytes
        self.blocks = blocks
    }

    @inline(__always)
    func withBytes<R>(_ start: Int32, _ end: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
    }

    func string(_ start: Int32, _ end: Int32, slot: Int32) -> String {
        strings.withLock { made in
            let i = Int(slot)
            if i < made.slots.count, made.slots[i] >= 0 { return made.strings[Int(made.slots[i])] }
            if made.slots.count <= i { made.slots.append(contentsOf: repeatElement(-1, count: Int(blocks) - made.slots.count)) }
            let s = withBytes(start, end) { String(decoding: $0, as: UTF8.self) }
            made.slots[i] = Int32(made.strings.count)
            made.strings.append(s)
            return s
        }
    }
}

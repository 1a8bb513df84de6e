// Turns the HTML copy into blocks in reading order: each heading, paragraph, list item and
// table row becomes one block of plain text ("\n" for <br>), with the zone it sits in, its
// `lang`, its bold lead-in and its main link. Text loose in a <div> becomes a paragraph.
// A block's text is gathered as bytes at the end of the page's one text buffer and collapsed
// there when the block is closed; its String is made when the analysis first reads it
// (``BlockTextStore``, ``BlockTextPage``).

/// Builds ``ProseBlock``s from an ``HTMLTree`` and the zones the main-content finder gave.
struct HTMLBlockBuilder {
    let tree: HTMLTree
    let finder: MainContentFinder
    let main: Int

    private(set) var blocks: [ProseBlock] = []

    /// The block being filled (when ``isOpen``).
    private struct Open {
        var owner = 0
        var kind = ProseBlock.Kind.paragraph
        var zone = ProseZone.outside
        var lang: String?
        var agenda = false
        var group: Int?
        var placeHint = false
        var leadIn: String?
        var link: String?
        var linkText: String?
        var metaMarked = false
        var machineDate: String?

        /// Starts a block: every field set, the strings the last block left (if it was not
        /// kept) released.
        mutating func start(owner: Int, kind: ProseBlock.Kind, zone: ProseZone, lang: String?, agenda: Bool, group: Int?, placeHint: Bool) {
            self.owner = owner
            self.kind = kind
            self.zone = zone
            self.lang = lang
            self.agenda = agenda
            self.group = group
            self.placeHint = placeHint
            metaMarked = false
            // Cleared only when set (a kept block took them): the assignment destroyed each old
            // value through the generic optional's outlined destroy.
            if leadIn != nil { leadIn = nil }
            if link != nil { link = nil }
            if linkText != nil { linkText = nil }
            if machineDate != nil { machineDate = nil }
        }
    }

    /// The block being filled, one for the builder, read and set in place: an optional
    /// block, taken out (copied) when closed and destroyed after, and checked through
    /// outlined optional copies at each read, was a fifth of building the blocks.
    private var open = Open()
    private var isOpen = false
    /// The page the blocks' texts are on: it is given ``bytes`` when the build is done (no
    /// block is read before), and a build after it starts a new one.
    private var page: BlockTextPage
    /// The blocks' texts, collapsed, one after the other, then the open block's bytes from
    /// ``textStart`` on as they are gathered (sized for the page's text: a block's bytes are
    /// at most its pieces' and the separators between them, so it seldom grows). A block is
    /// gathered and collapsed in place here: gathered in an array of its own, then copied to
    /// the page's buffer (and the array emptied), it was copied twice.
    private var bytes: [UInt8] = []
    /// Where the open block's bytes start in ``bytes`` (its end when no block is open).
    private var textStart = 0
    /// The blocks kept so far (the next block's slot on the page).
    private var slots: Int32 = 0
    /// The collapsed core of the open block's bytes, from the shapes of the pieces appended
    /// (nil: scan them).
    private var collapse = CollapseTracker()
    /// The list item or card being read (blocks of one agenda item share it).
    private var group: Int?
    /// An inline element began or ended since the last text.
    private var boundary = false

    static let wordFormatting: Set<String> = ["b", "strong", "i", "em", "u", "s", "sup", "sub", "mark", "span", "font",
                                                      "abbr", "ins", "del", "small", "big", "tt", "code", "q", "wbr"]

    static let leafTags: [String: ProseBlock.Kind] = [
        "p": .paragraph, "h1": .heading(1), "h2": .heading(2), "h3": .heading(3), "h4": .heading(4), "h5": .heading(5),
        "h6": .heading(6), "li": .listItem, "dt": .listItem, "dd": .listItem, "pre": .paragraph, "figcaption": .paragraph,
        "caption": .paragraph, "summary": .paragraph, "address": .paragraph, "tr": .tableRow,
    ]

    static let containerTags: Set<String> = [
        "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl", "table",
        "tbody", "thead", "tfoot", "blockquote", "form", "fieldset", "figure", "details", "center", "hgroup", "menu",
        "dialog", "td", "th", "legend",
    ]

    static let metaClassWords: Set<String> = [
        "published", "entry-date", "updated", "posted-on", "byline", "author", "vcard", "date-publication", "info-publi",
        "post-date", "dateline", "post-meta", "entry-meta", "meta-date", "date-publi",
    ]

    static let agendaWords: Set<String> = [
        "agenda", "event", "events", "evenement", "evenements", "evenement-liste", "calendar", "calendrier", "programme",
        "program", "tribe", "upcoming", "rendez", "rdv", "vevent", "h-event",
    ]

    /// What each element's class names say (``ClassFlags``, the union over its names), read
    /// once per page: the agenda, item, place and meta tests hashed each name into their own
    /// word set (and split names with a dash again) for every element, each test in turn.
    private let classFlags: [ClassFlags]

    init(tree: HTMLTree, finder: MainContentFinder, main: Int) {
        self.tree = tree
        self.finder = finder
        self.main = main
        page = BlockTextPage()
        bytes.reserveCapacity(tree.textBytes.count + 64)
        classFlags = ClassFlags.ofElements(tree)
    }

    /// The page's blocks. The builder gives its array away (it keeps none): an array still
    /// held here made the analysis's first change of a block's zone copy every block.
    mutating func build() -> [ProseBlock] {
        // Up to a block per element (about one per two on the corpus, but more than that on
        // nearly every page: growing the array copied it once a page).
        blocks.reserveCapacity(tree.elements.count + 8)
        walk(tree.body, zone: tree.body == main ? .main : .outside, lang: -1, agenda: false)
        flush()
        page.fill(bytes: bytes, blocks: slots)
        defer {
            blocks = []
            bytes = []
            textStart = 0
            slots = 0
            page = BlockTextPage()
        }
        return blocks
    }

    private func zone(for i: Int, inherited: ProseZone) -> ProseZone {
        if let z = finder.zone(of: i) { return z }
        return i == main ? .main : inherited
    }

    // The element tests are static, given the tree and the element's class flags: as methods
    // of the builder, each call from a mutating walk copied the whole builder (448 bytes).
    private static func isAgenda(_ i: Int, _ tree: HTMLTree, _ flags: ClassFlags) -> Bool {
        flags.contains(.agenda) || tree.elements[i].id.map(isAgendaName) == true
    }

    private static func isAgendaName(_ name: String) -> Bool {
        isAgendaKey(name.asciiLowercasedIfNeeded())
    }

    /// ``isAgendaName(_:)`` of a name already lower-cased (a class key): the word, or one of
    /// its parts between dashes and underscores unless the first is "has" or "no". (The
    /// reference of ``ClassFlags/agenda``.)
    static func isAgendaKey(_ lower: String) -> Bool {
        if agendaWords.contains(lower) { return true }
        // A name with no separator is its own single part, just looked up: no split.
        guard hasSeparator(lower) else { return false }
        let parts = lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        return parts.first != "has" && parts.first != "no" && parts.contains(where: { agendaWords.contains($0) })
    }

    static func hasSeparator(_ name: String) -> Bool {
        // On the bytes: the generic `utf8.contains` went through the view's index per byte.
        UTF8Bytes.with(name) { b in b.contains { $0 == 0x2D || $0 == 0x5F } }
    }

    private mutating func walk(_ i: Int, zone inherited: ProseZone, lang inheritedLang: Int32, agenda inheritedAgenda: Bool) {
        // The element's fields are read where they are used, not copied as a whole (a copy of
        // an `HTMLElement` retains each of its strings and arrays: a tenth of building blocks).
        let tag = tree.elements[i].tag
        let traits = tree.elements[i].traits
        let zone = zone(for: i, inherited: inherited)
        // The element whose `lang` applies (-1: none), its String read when a block starts: the
        // String passed down the walk was retained and released at every element.
        let lang = (tag != .html && tree.elements[i].lang != nil && tree.elements[i].lang?.isEmpty == false) ? Int32(i) : inheritedLang
        let flags = classFlags[i]
        let agenda = inheritedAgenda || HTMLBlockBuilder.isAgenda(i, tree, flags)
        let savedGroup = group
        if HTMLBlockBuilder.isItem(i, tree, flags) { group = i }
        defer { group = savedGroup }
        if var kind = traits.leaf, !(tag == .tr && hasBlockInside(i, depth: 3)) {
            if tag == .li || tag == .dd || tag == .dt { kind = .listItem }
            flush()
            let placeHint = HTMLBlockBuilder.isPlace(i, tree, flags)
            open.start(owner: i, kind: kind, zone: zone, lang: langText(lang), agenda: agenda, group: group, placeHint: placeHint)
            isOpen = true
            inline(i, zone: zone, lang: lang, agenda: agenda)
            flush()
        } else if traits.container || tag == .tr {
            flush()
            // The children read by index (as in `inline`): a slice of the list, held across the
            // calls below, was retained and released for every element.
            for k in tree.elements[i].childStart..<tree.elements[i].childEnd {
                switch tree.childList[k] {
                case .element(let c): walk(c, zone: zone, lang: lang, agenda: agenda)
                case .text(let t): append(t.range, of: tree.textBytes, shape: t.shape, owner: i, zone: zone, lang: lang, agenda: agenda)
                case .lineBreak: append(Self.newline, shape: Self.newlineShape, owner: i, zone: zone, lang: lang, agenda: agenda)
                }
            }
            flush()
        } else {
            inline(i, zone: zone, lang: lang, agenda: agenda)
        }
    }

    /// Reads the children of `i` into the open block; block elements inside close it.
    private mutating func inline(_ i: Int, zone: ProseZone, lang: Int32, agenda: Bool) {
        let tag = tree.elements[i].tag
        if HTMLBlockBuilder.isMeta(i, tree, classFlags[i]) { ensureOpen(owner: i, zone: zone, lang: lang, agenda: agenda); open.metaMarked = true }
        if let dt = tree.elements[i].datetime, (tag == .time || tree.classes(of: i).contains("published")), !isOpen || open.machineDate == nil {
            ensureOpen(owner: i, zone: zone, lang: lang, agenda: agenda)
            open.machineDate = dt
        }
        let isBold = tag == .strong || tag == .b
        // Inline elements that are not formatting inside a word ("1<sup>er</sup>") do not glue
        // their words to their neighbours' ("<time>20 octobre 2022</time><time>28 octobre…").
        let separate = !tree.elements[i].traits.wordFormatting
        if separate { boundary = true }
        defer { if separate { boundary = true } }
        // A bold run is a lead-in at the start of the block, or after a time or date in digits
        // ("10h45-12h15 : <strong>Ateliers</strong>").
        // Read only for bold runs, the only ones it can make a lead-in.
        let startsEmpty = !isBold ? false : !isOpen || textCount < 48
            && String(decoding: bytes[textStart...], as: UTF8.self).allSatisfy { $0.isWhitespace || $0.isNumber || ":.-–—/hH|,".contains($0) }
        let before = isOpen ? textCount : 0
        let owner: Int? = isOpen ? open.owner : nil
        var cells = 0
        for k in tree.elements[i].childStart..<tree.elements[i].childEnd {
            switch tree.childList[k] {
            case .element(let c):
                let tag = tree.elements[c].tag
                let traits = tree.elements[c].traits
                if traits.leaf != nil || traits.container && tag != .td && tag != .th {
                    walk(c, zone: zone, lang: lang, agenda: agenda)
                } else if tag == .td || tag == .th {
                    if cells > 0 { append(Self.cellSeparator, shape: Self.cellSeparatorShape, owner: i, zone: zone, lang: lang, agenda: agenda) }
                    cells += 1
                    inline(c, zone: zone, lang: lang, agenda: agenda)
                } else {
                    inline(c, zone: zone, lang: lang, agenda: agenda)
                }
            case .text(let t): append(t.range, of: tree.textBytes, shape: t.shape, owner: i, zone: zone, lang: lang, agenda: agenda)
            case .lineBreak: append(Self.newline, shape: Self.newlineShape, owner: i, zone: zone, lang: lang, agenda: agenda)
            }
        }
        // A run that stayed in one block: lead-in and link.
        // The open block's fields are read and set in place (a copy of `Open` retained each of
        // its strings, for every inline element).
        guard isOpen, case let current = open.owner, current == (owner ?? current), textCount >= before else { return }
        // The run's text is collapsed only when it can become a lead-in or a link (most inline
        // elements are neither; collapsing each one's run was a tenth of a page's extraction).
        // The href is read before the run: a link to a fragment, a script or an address is
        // never the block's (their runs were collapsed for nothing).
        let wantsLeadIn = isBold && startsEmpty && open.leadIn == nil
        let wantsLink = tag == .a && open.link == nil && tree.elements[i].href.map(Self.isLinkTarget) == true
        guard wantsLeadIn || wantsLink else { return }
        let run = bytes.withUnsafeBufferPointer { String.collapsingSpaces(UnsafeBufferPointer(rebasing: $0[(textStart + before)...]), keepLines: false) }
        if wantsLeadIn && run.hasAtLeast(characters: 3) { open.leadIn = run }
        if wantsLink, let href = tree.elements[i].href, run.hasAtLeast(characters: 3) {
            open.link = href
            open.linkText = run
        }
    }

    /// An href a block's link may have: not a fragment ("#top"), a script or an address.
    private static func isLinkTarget(_ href: String) -> Bool {
        !hasHashPrefix(href) && !href.hasLowercasedASCIIPrefix("javascript:") && !href.hasLowercasedASCIIPrefix("mailto:")
    }

    /// `s.hasPrefix("#")` read on the first bytes (the Characters' `hasPrefix` was a tenth of
    /// reading a link): no scalar but "#" itself is canonically "#", and a Character boundary
    /// always follows an ASCII byte followed by another (or by nothing); "#" followed by a
    /// byte past 0x7F (a combining mark may join it) takes `hasPrefix` itself.
    static func hasHashPrefix(_ s: String) -> Bool {
        UTF8Bytes.with(s) { b in
            guard let first = b.first, first == 0x23 else { return false }
            return b.count == 1 || b[1] < 0x80 ? true : s.hasPrefix("#")
        }
    }

    static let itemWords: Set<String> = ["item", "card", "event", "teaser", "views-row", "vevent", "h-event",
                                         "fr-card", "tile", "evenement", "agenda-item", "event-item"]
    static let placeWords: Set<String> = ["lieu", "location", "place", "venue", "adresse", "address", "where",
                                          "localisation", "ville", "city", "locality", "p-location", "lieux"]

    /// A list item or card: the blocks inside belong together (title, date, place).
    private static func isItem(_ i: Int, _ tree: HTMLTree, _ flags: ClassFlags) -> Bool {
        let tag = tree.elements[i].tag
        if tag == .li || tag == .article || tag == .tr { return true }
        guard tag == .div || tag == .section else { return false }
        return flags.contains(.item)
    }

    /// An element that holds a place: class "lieu", "location", itemprop location or address.
    private static func isPlace(_ i: Int, _ tree: HTMLTree, _ flags: ClassFlags) -> Bool {
        if let p = tree.elements[i].itemprop, p == "location" || p == "address" { return true }
        return flags.contains(.place)
    }

    private static func isMeta(_ i: Int, _ tree: HTMLTree, _ flags: ClassFlags) -> Bool {
        if let p = tree.elements[i].itemprop, p == "datePublished" || p == "dateModified" || p == "author" { return true }
        return flags.contains(.meta)
    }

    /// Whether a lower-cased class name is an item word, or has one as a part between dashes
    /// and underscores (the reference of ``ClassFlags/item``).
    static func isItemKey(_ lower: String) -> Bool {
        itemWords.contains(lower) || hasSeparator(lower) && lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).contains { itemWords.contains(String($0)) }
    }

    /// The same for place words (the reference of ``ClassFlags/place``).
    static func isPlaceKey(_ lower: String) -> Bool {
        placeWords.contains(lower) || hasSeparator(lower) && lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).contains { placeWords.contains(String($0)) }
    }

    /// Whether a lower-cased class name marks metadata (the reference of ``ClassFlags/meta``).
    static func isMetaKey(_ lower: String) -> Bool {
        metaClassWords.contains(lower)
    }

    private func hasBlockInside(_ i: Int, depth: Int) -> Bool {
        guard depth > 0 else { return false }
        for child in tree.children(of: i) {
            guard case .element(let c) = child else { continue }
            let tag = tree.elements[c].tag
            let traits = tree.elements[c].traits
            if tag != .td && tag != .th && (traits.leaf != nil || traits.container) {
                return true
            }
            if hasBlockInside(c, depth: depth - 1) { return true }
        }
        return false
    }

    /// The `lang` of element `e` (nil for -1: no element below the page's own has one).
    @inline(__always)
    private func langText(_ e: Int32) -> String? {
        e < 0 ? nil : tree.elements[Int(e)].lang
    }

    private mutating func ensureOpen(owner: Int, zone: ProseZone, lang: Int32, agenda: Bool) {
        guard !isOpen else { return }
        open.start(owner: owner, kind: .paragraph, zone: zone, lang: langText(lang), agenda: agenda, group: group, placeHint: false)
        isOpen = true
    }

    private static let newline: [UInt8] = [0x0A]
    private static let cellSeparator: [UInt8] = Array(" | ".utf8)
    private static let space: [UInt8] = [0x20]
    private static let newlineShape = TextShape.of(newline)
    private static let cellSeparatorShape = TextShape.of(cellSeparator)
    private static let spaceShape = TextShape.of(space)

    private mutating func append(_ source: [UInt8], shape: TextShape, owner: Int, zone: ProseZone, lang: Int32, agenda: Bool) {
        append(source.indices, of: source, shape: shape, owner: owner, zone: zone, lang: lang, agenda: agenda)
    }

    /// Appends the text `source[range]` (valid UTF-8, not empty) to the open block, opening one
    /// unless the text is all white space. After an inline element's edge, a space keeps a
    /// letter or digit from gluing to the next one.
    private mutating func append(_ range: Range<Int>, of source: [UInt8], shape: TextShape, owner: Int, zone: ProseZone, lang: Int32,
                                 agenda: Bool) {
        defer { boundary = false }
        if boundary, isOpen, bytes.withUnsafeBufferPointer({ BlockText.endsWithLetterOrNumber(UnsafeBufferPointer(rebasing: $0[textStart...])) }),
           source.withUnsafeBufferPointer({ BlockText.startsWithLetterOrNumber(UnsafeBufferPointer(rebasing: $0[range])) }) {
            collapse.add(Self.spaceShape, at: textCount, count: 1)
            bytes.append(0x20)
        }
        if !isOpen {
            guard !source.withUnsafeBufferPointer({ BlockText.isAllWhitespace(UnsafeBufferPointer(rebasing: $0[range])) }) else { return }
            let placeHint = HTMLBlockBuilder.isPlace(owner, tree, classFlags[owner])
            open.start(owner: owner, kind: .paragraph, zone: zone, lang: langText(lang), agenda: agenda, group: group, placeHint: placeHint)
            isOpen = true
        }
        collapse.add(shape, at: textCount, count: range.count)
        bytes += source[range]
    }

    /// The open block's bytes so far (0 when no block is open).
    private var textCount: Int {
        @inline(__always) get { bytes.count - textStart }
    }

    /// Closes the open block, if any. Most calls find none (a container's edges, a leaf's
    /// after its block): the test is inlined, the closing is not.
    @inline(__always)
    private mutating func flush() {
        if isOpen { close() }
    }

    private mutating func close() {
        isOpen = false
        // The collapsed core is known from the pieces' shapes unless a join or a piece needs
        // the scan; a text that is not collapsed is collapsed in place (never longer).
        var start = textStart, end = bytes.count
        if let core = collapse.core {
            end = start + core.upperBound
            start += core.lowerBound
        } else {
            let collapsed = bytes.withUnsafeBufferPointer { String.collapsedSpaces(UnsafeBufferPointer(rebasing: $0[start...]), keepLines: true) }
            bytes.replaceSubrange(start..., with: collapsed)
            end = bytes.count
        }
        collapse.reset()
        guard bytes.withUnsafeBufferPointer({ Words.containsWordScalar(UnsafeBufferPointer(rebasing: $0[start..<end])) }) else {
            // The block is dropped, and its bytes with it.
            bytes.removeSubrange(textStart...)
            return
        }
        // The white space after the core stays in the buffer, unread (the next block starts
        // after it): cutting it off cost more than it holds.
        textStart = bytes.count
        let store: BlockTextStore
        if end - start <= 15 {
            // A short block (two thirds of them) is kept as its String, which Swift keeps
            // inline (no allocation), its bytes left unread: made on first read from the page,
            // the short blocks were read again and again through the page's lock, which cost
            // more than making them all here.
            store = bytes.withUnsafeBufferPointer { BlockTextStore(string: String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)) }
        } else {
            store = BlockTextStore(page: page, start: Int32(start), end: Int32(end), slot: slots)
            slots += 1
        }
        // Appended first and filled in place: a local block appended at the end was copied
        // (every string retained) and the local destroyed (released), once per block; a block
        // made whole with every field was copied into the array all the same.
        blocks.append(ProseBlock(kind: open.kind, store: store, zone: open.zone, location: .element(open.owner)))
        let last = blocks.count - 1
        // The open block's strings moved (`take()`), not copied: a copy retained each, and
        // the next block's start released it. Each field is set only when the open block has
        // it (most have none): setting a nil released the nil it replaced, five calls a block.
        if open.lang != nil { blocks[last].markupLanguage = open.lang.take() }
        if open.leadIn != nil { blocks[last].leadIn = open.leadIn.take() }
        if open.link != nil { blocks[last].link = open.link.take() }
        if open.linkText != nil { blocks[last].linkText = open.linkText.take() }
        if open.machineDate != nil { blocks[last].machineDate = open.machineDate.take() }
        if open.agenda { blocks[last].agenda = true }
        if open.metaMarked { blocks[last].metaMarked = true }
        if open.group != nil { blocks[last].group = open.group }
        if open.placeHint { blocks[last].placeHint = true }
    }
}

/// The Character tests the block builder makes at the joins of a block's text, on its UTF-8
/// bytes: each gives what the same test on `String(decoding: bytes, as: UTF8.self)` gives
/// (`first`, `last`, `allSatisfy`), with an ASCII fast path and the String for the rest.
/// `Character.isLetter`, `isNumber` and `isWhitespace` read the character's first scalar.
enum BlockText {
    /// Whether every Character of the text is white space (true for no text).
    static func isAllWhitespace(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b {
            // An ASCII scalar that is not white space starts a Character that is not, or sits in
            // one after a "prepend" scalar (none is white space): false either way.
            if c >= 0x80 { return String(decoding: b, as: UTF8.self).allSatisfy(\.isWhitespace) }
            if c != 0x20 && (c < 0x09 || c > 0x0D) { return false }
        }
        return true
    }

    /// Whether the first Character of the text is a letter or a number (false for no text).
    static func startsWithLetterOrNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty else { return false }
        if b[0] < 0x80 { return isASCIILetterOrDigit(b[0]) }
        let scalar = Unicode.Scalar(UTF8Bytes.scalar(at: 0, in: b).value) ?? "\u{FFFD}"
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether the last Character of the text is a letter or a number (false for no text).
    static func endsWithLetterOrNumber(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { endsWithLetterOrNumber($0) }
    }

    /// ``endsWithLetterOrNumber(_:)-([UInt8])`` of bytes in place (the open block's, at the end of the
    /// builder's buffer).
    static func endsWithLetterOrNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0 else { return false }
        // Two ASCII scalars always have a Character break between them but for CR LF (whose
        // Character is not a letter, nor is LF): an ASCII end after an ASCII byte is its own
        // last Character, or LF's.
        if b[n - 1] < 0x80 && (n == 1 || b[n - 2] < 0x80) { return isASCIILetterOrDigit(b[n - 1]) }
        // Otherwise the last Characters of the text from the last such break on, looked
        // for in the last 4 KB only (a text without one, such as Chinese, would be decoded
        // whole at every inline element's edge); past that, from the first scalar in them.
        // Exact but for a single Character longer than 4 KB.
        let limit = max(0, n - 4096)
        var start = n - 1
        while start > limit && !(b[start - 1] < 0x80 && b[start] < 0x80 && !(b[start - 1] == 0x0D && b[start] == 0x0A)) {
            start -= 1
        }
        while start < n - 1 && b[start] & 0xC0 == 0x80 { start += 1 }
        guard let last = String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self).last else { return false }
        return last.isLetter || last.isNumber
    }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10
    }
}

/// What a lower-cased class name says to the block builder: an agenda, an item (card, list
/// row), a place, the article's metadata. Each flag is exactly its reference test on the name
/// (``HTMLBlockBuilder/isAgendaKey(_:)``, ``HTMLBlockBuilder/isItemKey(_:)``,
/// ``HTMLBlockBuilder/isPlaceKey(_:)``, ``HTMLBlockBuilder/isMetaKey(_:)``), read with one
/// lookup of the name (and one per part of a name with dashes or underscores) in a table of
/// all four word sets, and once per distinct name of a page.
struct ClassFlags: OptionSet, Sendable {
    let rawValue: UInt8

    static let agenda = ClassFlags(rawValue: 1)
    static let item = ClassFlags(rawValue: 2)
    static let place = ClassFlags(rawValue: 4)
    static let meta = ClassFlags(rawValue: 8)

    /// The whole-word flags of each word of the four sets.
    private static let words: [String: ClassFlags] = {
        var table: [String: ClassFlags] = [:]
        for word in HTMLBlockBuilder.agendaWords { table[word, default: []].insert(.agenda) }
        for word in HTMLBlockBuilder.itemWords { table[word, default: []].insert(.item) }
        for word in HTMLBlockBuilder.placeWords { table[word, default: []].insert(.place) }
        for word in HTMLBlockBuilder.metaClassWords { table[word, default: []].insert(.meta) }
        return table
    }()

    /// The flags of a lower-cased class name. A part between dashes and underscores counts
    /// for an agenda, an item or a place (not for metadata, a whole-name test), and for an
    /// agenda only when the first part is neither "has" nor "no".
    static func of(_ lower: String) -> ClassFlags {
        let whole = words[lower] ?? []
        guard HTMLBlockBuilder.hasSeparator(lower) else { return whole }
        let parts = lower.split(whereSeparator: { $0 == "-" || $0 == "_" })
        var fromParts: ClassFlags = []
        for part in parts {
            if let flags = words[String(part)] { fromParts.formUnion(flags) }
        }
        fromParts.remove(.meta)
        if parts.first == "has" || parts.first == "no" { fromParts.remove(.agenda) }
        return whole.union(fromParts)
    }

    /// The words of ``words`` by first byte, last byte and length.
    private static let wordSlots = WordSlots(words.keys)

    /// For a class key (lower-cased): false when it is ASCII and neither it nor any of its
    /// parts (split at "-" and "_", empty parts left out) may be in ``wordSlots``; true
    /// otherwise (a key with a byte past ASCII included: the Characters decide). ASCII
    /// Strings are equal only when their bytes are, and no Character of an ASCII text spans
    /// "-" or "_", so a false answer is exactly ``of(_:)`` giving no flag.
    static func mayHaveFlags(_ key: String) -> Bool {
        // The table read once (its lazy global's once-check ran for every part); a key with a
        // byte past ASCII may have flags.
        let wordSlots = wordSlots
        return wordSlots.mayContainKeyOrPart(key) ?? true
    }

    /// For each element of the tree, the union of its class names' flags (a page repeats its
    /// class names: each distinct name with parts is split once).
    static func ofElements(_ tree: HTMLTree) -> [ClassFlags] {
        var seen: [String: ClassFlags] = [:]
        var keyFlags: [ClassFlags] = []
        keyFlags.reserveCapacity(tree.classKeys.count)
        for key in tree.classKeys {
            // Most names are no word of the tables, nor have one as a part: a byte filter
            // (``mayHaveFlags(_:)``) says so without hashing the name (a lookup hashed every
            // name of the page, about 700 instructions each).
            if !mayHaveFlags(key) {
                keyFlags.append([])
            } else if !HTMLBlockBuilder.hasSeparator(key) {
                // A name without a separator is one lookup, as a cached one would be.
                keyFlags.append(words[key] ?? [])
            } else if let known = seen[key] {
                keyFlags.append(known)
            } else {
                let flags = of(key)
                seen[key] = flags
                keyFlags.append(flags)
            }
        }
        var result = [ClassFlags](repeating: [], count: tree.elements.count)
        for i in tree.elements.indices where tree.elements[i].classEnd > tree.elements[i].classStart {
            var flags: ClassFlags = []
            for k in Int(tree.elements[i].classStart)..<Int(tree.elements[i].classEnd) { flags.formUnion(keyFlags[k]) }
            result[i] = flags
        }
        return result
    }
}

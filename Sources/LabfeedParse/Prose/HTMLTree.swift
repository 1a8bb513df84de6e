// A light copy of an HTML page's tree in Swift values: elements with the few attributes the
// prose rules read, text, line breaks. Built in one walk of the libxml2 tree, so the analysis
// after it is plain Swift (Sendable, no C calls per node). Scripts, styles, forms' controls and
// other non-text elements are left out here. The text of every text node is kept in one byte
// buffer (``HTMLTree/textBytes``), a child naming its span: no String per text node.

import LabfeedMarkup

/// One element of the copy. Its children (indices into ``HTMLTree/elements``, text spans, line
/// breaks) are a range of ``HTMLTree/childList``: ``HTMLTree/children(of:)``.
struct HTMLElement: Sendable {
    enum Child: Sendable {
        case element(Int)
        /// A text node's UTF-8 bytes in ``HTMLTree/textBytes`` (never empty).
        case text(TextSpan)
        case lineBreak
    }

    var tag: HTMLTag
    /// What the block builder reads of `tag`, looked up once when the tree is copied.
    var traits = TagTraits.none
    var id: String?
    /// The element's class names in ``HTMLTree/classList`` (``HTMLTree/classes(of:)``): one
    /// list for the page, where an array per element was an allocation or more for each
    /// element with a class (48,000 on the 200 pages) and a release of each when freed.
    var classStart: Int32 = 0
    var classEnd: Int32 = 0
    var href: String?
    /// What few elements have (``otherName``, ``role``, ``lang``, ``datetime``, ``itemprop``),
    /// nil when the element has none of them (31 elements in 32 on the corpus): six optional
    /// Strings more in every element made freeing the 200 pages' trees seven releases an
    /// element (24.7 M instructions; 15.9 M with one reference for the six).
    var rare: Rare?
    var parent: Int?
    /// The element's children in ``HTMLTree/childList`` (one list for the page rather than an
    /// array per element).
    var childStart = 0
    var childEnd = 0
    var line: Int
    /// Visible characters of the element's own text children (``MainContentFinder/visibleCount(_:)-(String)``
    /// of each), counted when the tree is copied, in the scan that checks the text's UTF-8.
    var visibleText = 0

    /// The lower-cased name when `tag` is ``HTMLTag/other`` (nil for the tags the enum names).
    var otherName: String? { rare?.otherName }
    var role: String? { rare?.role }
    var lang: String? { rare?.lang }
    var datetime: String? { rare?.datetime }
    var itemprop: String? { rare?.itemprop }

    /// The rarer values of an element, immutable (so Sendable: every stored property is a `let`
    /// of a Sendable type).
    final class Rare: Sendable {
        let otherName: String?
        let role: String?
        let lang: String?
        let datetime: String?
        let itemprop: String?

        private init(otherName: String?, role: String?, lang: String?, datetime: String?, itemprop: String?) {
            self.otherName = otherName
            self.role = role
            self.lang = lang
            self.datetime = datetime
            self.itemprop = itemprop
        }

        /// The values, or nil when all are nil.
        static func of(otherName: String?, role: String? = nil, lang: String? = nil, datetime: String? = nil, itemprop: String? = nil) -> Rare? {
            guard otherName != nil || role != nil || lang != nil || datetime != nil || itemprop != nil else { return nil }
            return Rare(otherName: otherName, role: role, lang: lang, datetime: datetime, itemprop: itemprop)
        }
    }

    /// The lower-cased tag name.
    var tagName: String { otherName ?? tag.name }

}

/// Where a text node's bytes sit in ``HTMLTree/textBytes`` (32-bit offsets keep a child as
/// small as an `.element`), and how their white space collapses.
struct TextSpan: Sendable, Equatable {
    var start: Int32
    var end: Int32
    /// Read when the tree is copied (``TextScan``); the block builder joins blocks' shapes.
    /// ``TextShape/dirty`` (the block is scanned) when not known.
    var shape = TextShape.dirty

    var range: Range<Int> { Int(start)..<Int(end) }
}

/// The copy of a page: elements in document order (a parent comes before its children), plus
/// the few head facts the extractor uses.
struct HTMLTree: Sendable {
    var elements: [HTMLElement] = []
    /// The UTF-8 bytes of every text node of the copy, one after the other (each node's bytes
    /// those of ``MarkupNode/leafText``); ``HTMLElement/Child/text(_:)`` names a span.
    var textBytes: [UInt8] = []
    /// Every element's children, each element's a contiguous range (children of an element are
    /// listed after those of its descendants: an element's list is closed when it is done).
    var childList: [HTMLElement.Child] = []
    /// Every element's class names, each element's a contiguous range.
    var classList: [String] = []
    /// `classList` lower-cased as the prose rules compare class names
    /// (`asciiLowercasedIfNeeded()`), once per name: the block builder and the main-content
    /// finder lower-cased each name again for every rule that read it.
    var classKeys: [String] = []
    /// Index of `<body>` (or of the root when there is none).
    var body: Int = 0
    var htmlLang: String?
    /// `<meta property|name|itemprop=…>` contents, keyed by the lower-cased name.
    var meta: [String: String] = [:]
    var titleText: String?

    /// Elements never read as text.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
        "option", "textarea", "input", "button", "link", "map", "audio", "video", "picture", "source", "img",
    ]

    /// The attributes `add` reads, in one walk per element; `add` indexes the result by position.
    static let query = AttributeQuery([
        "id", "class", "role", "lang", "href", "datetime", "title", "itemprop", "content", "property", "name",
    ])

    init(document: MarkupDocument) {
        guard let root = document.root else { return }
        htmlLang = root.attribute("lang") ?? root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")
        // Sized from the page (the corpus has one element per 150 bytes, and text is at most
        // what the page holds but for entities and a Latin-1 page's accents): growing the
        // arrays by doubling copied them. The text was reserved at half the page, which the
        // corpus's text (63-83% of each page) outgrew on every page (a 10.5 M copy in all);
        // the peak memory of `report-bench extract` on the 200 pages grew by about 1 MB (3%).
        elements.reserveCapacity(document.byteCount / 128 + 16)
        textBytes.reserveCapacity(document.byteCount + 64)
        // About 1.7 children per element on the corpus.
        childList.reserveCapacity(document.byteCount / 64 + 16)
        var scratch = Scratch()
        add(root, parent: nil, scratch: &scratch)
        body = elements.firstIndex { $0.tag == .body } ?? 0
    }

    /// Buffers reused for every element of the copy: the attribute values, and the children
    /// lists being gathered (one stack for the whole walk: an element's children are pushed
    /// at its top, its descendants' above them and dropped when done, then the element's
    /// list is copied out once at its exact size instead of grown child by child).
    private struct Scratch {
        var attributes: [String?] = []
        /// The stack's slots; those from `top` on are spare (overwritten by the next push: a
        /// child is a plain value, and shrinking the array for every element cost more than
        /// the copy).
        var children: [HTMLElement.Child] = []
        var top = 0

        @inline(__always)
        mutating func push(_ child: HTMLElement.Child) {
            if top < children.count { children[top] = child } else { children.append(child) }
            top += 1
        }
    }

    /// Copies `node` and what it holds; `tag` and `traits` when the parent already read them.
    private mutating func add(_ node: MarkupNode, parent: Int?, tag known: (HTMLTag, String?)? = nil, traits knownTraits: TagTraits? = nil,
                              scratch: inout Scratch) {
        let (tag, otherName) = known ?? HTMLTag.read(node)
        if tag == .head {
            readHead(node)
            return
        }
        let classStart = Int32(truncatingIfNeeded: classList.count)
        var element: HTMLElement
        if node.hasQueryableAttributes {
            // The class value is split from its bytes, never made a String of its own.
            node.attributes(HTMLTree.query, into: &scratch.attributes, bytesOf: 1) { value in
                HTMLTree.appendClassNames(value, to: &classList)
            }
            if tag == .meta, let content = scratch.attributes[8] {
                for key in [scratch.attributes[9], scratch.attributes[10], scratch.attributes[7]].compactMap({ $0 }) {
                    meta[key.lowercased()] = content
                }
            }
            for k in Int(classStart)..<classList.count { classKeys.append(classList[k].asciiLowercasedIfNeeded()) }
            // The values moved out of the scratch array (`take()`), which the next element's read
            // overwrites: a copy retained each here and the overwrite released it.
            let rare = HTMLElement.Rare.of(
                otherName: otherName, role: scratch.attributes[2]?.lowercased(), lang: scratch.attributes[3].take(),
                datetime: tag == .time ? scratch.attributes[5].take() : (tag == .abbr ? scratch.attributes[6].take() : nil),
                itemprop: scratch.attributes[7].take())
            element = HTMLElement(
                tag: tag, id: scratch.attributes[0].take(), classStart: classStart, classEnd: Int32(truncatingIfNeeded: classList.count),
                href: tag == .a ? scratch.attributes[4].take() : nil, rare: rare, parent: parent, line: node.line)
        } else {
            // No attribute written (two elements in three on the corpus): no query, and the
            // scratch array (which the next query clears) left as it is.
            element = HTMLElement(tag: tag, classStart: classStart, classEnd: classStart, rare: HTMLElement.Rare.of(otherName: otherName),
                                  parent: parent, line: node.line)
        }
        element.traits = knownTraits ?? TagTraits.of(tag)
        let index = elements.count
        elements.append(consume element)
        let start = scratch.top
        var visible = 0
        // One call walks the children (libxml2's node fields read in LabfeedMarkup): a text
        // child's bytes, an element child's node and name.
        node.forEachChild(text: { raw in
            if let span = appendText(raw, visible: &visible) { scratch.push(.text(span)) }
        }, element: { child, nameBytes in
            let name = HTMLTag.read(name: nameBytes)
            if name.0 == .br {
                scratch.push(.lineBreak)
            } else if name.0 == .title {
                titleText = titleText ?? child.text.collapsingSpaces()
            } else if name.0 == .head {
                // Read for its metadata, never an element of the tree: listing it as a child
                // would name an index that the next element takes (or none, when the page
                // has nothing but a head).
                readHead(child)
            } else if case let traits = TagTraits.of(name.0), !traits.skipped {
                scratch.push(.element(elements.count))
                add(child, parent: index, tag: name, traits: traits, scratch: &scratch)
            }
        })
        elements[index].visibleText = visible
        if scratch.top > start {
            elements[index].childStart = childList.count
            for k in start..<scratch.top { childList.append(scratch.children[k]) }
            elements[index].childEnd = childList.count
            scratch.top = start
        }
    }

    /// Appends a text node's bytes (`raw`, as libxml2 holds them) to ``textBytes`` and gives
    /// their span, nil when there is nothing to append; adds their visible characters to
    /// `visible`. One scan (``TextScan/scan(_:)``) checks the UTF-8, counts the visible
    /// characters and reads the white space; bytes that are not valid UTF-8 are repaired as
    /// ``MarkupNode/leafText`` repairs them (`String(decoding:as:)`) and read by the slow paths.
    private mutating func appendText(_ raw: UnsafeBufferPointer<UInt8>, visible: inout Int) -> TextSpan? {
        guard !raw.isEmpty else { return nil }
        let start = textBytes.count
        let shape: TextShape
        if let scan = TextScan.scan(raw) {
            textBytes.append(contentsOf: raw)
            shape = scan.shape
            visible += scan.visible
        } else {
            let repaired = String(decoding: raw, as: UTF8.self)
            textBytes.append(contentsOf: repaired.utf8)
            let (slowShape, count) = UTF8Bytes.with(repaired) { b in (TextShape.of(b), MainContentFinder.visibleCount(b)) }
            shape = slowShape
            visible += count
        }
        // Past 2 GB of text (beyond any page libxml2 reads from memory): left out rather than an
        // offset that does not fit.
        guard textBytes.count <= Int(Int32.max) else {
            textBytes.removeSubrange(start...)
            return nil
        }
        return TextSpan(start: Int32(start), end: Int32(textBytes.count), shape: shape)
    }

    /// The class names of element `i`.
    @inline(__always)
    func classes(of i: Int) -> ArraySlice<String> {
        classList[Int(elements[i].classStart)..<Int(elements[i].classEnd)]
    }

    /// The class names of element `i` lower-cased (`asciiLowercasedIfNeeded()` of each).
    @inline(__always)
    func classKeys(of i: Int) -> ArraySlice<String> {
        classKeys[Int(elements[i].classStart)..<Int(elements[i].classEnd)]
    }

    /// Appends ``classNames(_:)`` of `value` to `list`, with no array of its own: the names of
    /// an ASCII value without a carriage return cut from its bytes, any other value's from
    /// the Characters' split.
    static func appendClassNames(_ value: String, to list: inout [String]) {
        UTF8Bytes.with(value) { appendClassNames($0, to: &list) }
    }

    /// ``appendClassNames(_:to:)`` of `String(decoding: value, as: UTF8.self)`, read from the
    /// bytes: the value is made a String only when it is not plain ASCII (a byte past 0x7F,
    /// possibly not valid UTF-8, which the String repairs, or a carriage return).
    static func appendClassNames(_ b: UnsafeBufferPointer<UInt8>, to list: inout [String]) {
        guard !b.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else {
            let value = String(decoding: b, as: UTF8.self)
            for name in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) { list.append(String(name)) }
            return
        }
        var start = 0
        for i in 0...b.count where i == b.count || b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A {
            if i > start { list.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
            start = i + 1
        }
    }

    /// The class attribute split on spaces, tabs and line feeds, as
    /// `split(whereSeparator:)` on Characters splits it. An ASCII value without a carriage
    /// return (whose CR LF is one Character) is split on its bytes, where each byte is a
    /// Character; any other value goes through the Characters. (The reference of
    /// ``appendClassNames(_:to:)``, which the tree copy uses.)
    static func classNames(_ value: String) -> [String] {
        let plain = UTF8Bytes.with(value) { b in !b.contains { $0 >= 0x80 || $0 == 0x0D } }
        guard plain else {
            return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
        return UTF8Bytes.with(value) { b in
            var names: [String] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A {
                if i > start { names.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return names
        }
    }

    private mutating func readHead(_ head: MarkupNode) {
        for child in head.elements {
            switch child.name.lowercased() {
            case "meta":
                guard let content = child.attribute("content") else { continue }
                for key in [child.attribute("property"), child.attribute("name"), child.attribute("itemprop")].compactMap({ $0 }) {
                    meta[key.lowercased()] = content
                }
            case "title":
                titleText = child.text.collapsingSpaces()
            default:
                continue
            }
        }
    }

    /// The text of element `i` and its descendants, spaces collapsed.
    func text(of i: Int) -> String {
        var out: [UInt8] = []
        appendText(i, into: &out)
        return out.withUnsafeBufferPointer { String.collapsingSpaces($0, keepLines: false) }
    }

    /// The children of element `i`, in order.
    @inline(__always)
    func children(of i: Int) -> ArraySlice<HTMLElement.Child> {
        childList[elements[i].childStart..<elements[i].childEnd]
    }

    /// The text of a text child.
    func text(_ span: TextSpan) -> String {
        String(decoding: textBytes[span.range], as: UTF8.self)
    }

    private func appendText(_ i: Int, into out: inout [UInt8]) {
        for child in children(of: i) {
            switch child {
            case .text(let t): out += textBytes[t.range]
            case .lineBreak: out.append(0x20)
            case .element(let e): out.append(0x20); appendText(e, into: &out); out.append(0x20)
            }
        }
    }

    /// "main#content", "div.entry-content", "p".
    func label(of i: Int) -> String {
        let tagName = elements[i].tagName
        if let id = elements[i].id, !id.isEmpty { return "\(tagName)#\(id)" }
        if let first = classes(of: i).first { return "\(tagName).\(first)" }
        return tagName
    }

    /// "body > div#page > main > article.post".
    func path(of i: Int) -> String {
        var parts: [String] = []
        var cur: Int? = i
        while let c = cur, parts.count < 12 {
            parts.append(label(of: c))
            if c == body { break }
            cur = elements[c].parent
        }
        return parts.reversed().joined(separator: " > ")
    }

    /// Whether `a` is `b` or inside it.
    func isInside(_ a: Int, _ b: Int) -> Bool {
        var cur: Int? = a
        while let c = cur {
            if c == b { return true }
            if c < b { return false }
            cur = elements[c].parent
        }
        return false
    }
}

/// What the prose reader asks of an element's tag: left out of the copy, a leaf block (and
/// which), a container, formatting inside a word. Looked up once per element when the tree is
/// copied, in one table: the block builder asked two or three `Set<String>`/`Dictionary`
/// lookups of every element it met, again for each ancestor testing for blocks inside.
struct TagTraits: Sendable {
    var skipped = false
    var leaf: ProseBlock.Kind?
    var container = false
    var wordFormatting = false

    static let none = TagTraits()

    /// The traits of a tag (``none`` for a tag no table names, and for ``HTMLTag/other``).
    static func of(_ tag: HTMLTag) -> TagTraits {
        table[Int(tag.rawValue)]
    }

    /// The traits of a lower-cased tag name.
    static func of(_ name: String) -> TagTraits {
        of(HTMLTag.of(name))
    }

    /// Indexed by ``HTMLTag/rawValue``; every name of the tables below is an ``HTMLTag``.
    private static let table: [TagTraits] = {
        var table = [TagTraits](repeating: .none, count: HTMLTag.allCases.count)
        func set(_ name: String, _ change: (inout TagTraits) -> Void) {
            let tag = HTMLTag.of(name)
            precondition(tag != .other, "\(name) is not an HTMLTag")
            change(&table[Int(tag.rawValue)])
        }
        for tag in HTMLTree.skipped { set(tag) { $0.skipped = true } }
        for (tag, kind) in HTMLBlockBuilder.leafTags { set(tag) { $0.leaf = kind } }
        for tag in HTMLBlockBuilder.containerTags { set(tag) { $0.container = true } }
        for tag in HTMLBlockBuilder.wordFormatting { set(tag) { $0.wordFormatting = true } }
        return table
    }()
}

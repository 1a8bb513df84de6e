// A light copy of an HTML page's tree in Swift values: elements with the few attributes the
// prose rules read, text, line breaks. Built in one walk of the libxml2 tree, so the analysis
// after it is plain Swift (Sendable, no C calls per node). Scripts, styles, forms' controls and
// other non-text elements are left out here.

import LabfeedMarkup

/// One element of the copy. Children are indices into ``HTMLTree/elements`` or text.
struct HTMLElement: Sendable {
    enum Child: Sendable {
        case element(Int)
        case text(String)
        case lineBreak
    }

    var tag: String
    /// What the block builder reads of `tag`, looked up once when the tree is copied.
    var traits = TagTraits.none
    var id: String?
    var classes: [String]
    var role: String?
    var lang: String?
    var href: String?
    var datetime: String?
    var itemprop: String?
    var parent: Int?
    var children: [Child] = []
    var line: Int

    /// "main#content", "div.entry-content", "p".
    var label: String {
        if let id, !id.isEmpty { return "\(tag)#\(id)" }
        if let first = classes.first { return "\(tag).\(first)" }
        return tag
    }
}

/// The copy of a page: elements in document order (a parent comes before its children), plus
/// the few head facts the extractor uses.
struct HTMLTree: Sendable {
    var elements: [HTMLElement] = []
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
        add(root, parent: nil)
        body = elements.firstIndex { $0.tag == "body" } ?? 0
    }

    /// Copies `node` and what it holds; `tag` and `traits` when the parent already read them.
    private mutating func add(_ node: MarkupNode, parent: Int?, tag known: String? = nil, traits knownTraits: TagTraits? = nil) {
        let tag = known ?? node.name.lowercased()
        if tag == "head" {
            readHead(node)
            return
        }
        let a = node.attributes(HTMLTree.query)
        let classes = (a[1] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var element = HTMLElement(
            tag: tag, id: a[0], classes: classes, role: a[2]?.lowercased(),
            lang: a[3], href: tag == "a" ? a[4] : nil,
            datetime: tag == "time" ? a[5] : (tag == "abbr" ? a[6] : nil),
            itemprop: a[7], parent: parent, line: node.line)
        element.traits = knownTraits ?? TagTraits.of(tag)
        if tag == "meta", let content = a[8] {
            for key in [a[9], a[10], a[7]].compactMap({ $0 }) {
                meta[key.lowercased()] = content
            }
        }
        let index = elements.count
        elements.append(element)
        var children: [HTMLElement.Child] = []
        node.forEachChild { child in
            if let t = child.leafText {
                if !t.isEmpty { children.append(.text(t)) }
                return
            }
            switch child.kind {
            case .element:
                let name = child.name.lowercased()
                if name == "br" {
                    children.append(.lineBreak)
                } else if name == "title" {
                    titleText = titleText ?? child.text.collapsingSpaces()
                } else if name == "head" {
                    // Read for its metadata, never an element of the tree: listing it as a child
                    // would name an index that the next element takes (or none, when the page
                    // has nothing but a head).
                    readHead(child)
                } else if case let traits = TagTraits.of(name), !traits.skipped {
                    children.append(.element(elements.count))
                    add(child, parent: index, tag: name, traits: traits)
                }
            default:
                break
            }
        }
        elements[index].children = children
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
        var out = ""
        appendText(i, into: &out)
        return out.collapsingSpaces()
    }

    private func appendText(_ i: Int, into out: inout String) {
        for child in elements[i].children {
            switch child {
            case .text(let t): out += t
            case .lineBreak: out += " "
            case .element(let e): out += " "; appendText(e, into: &out); out += " "
            }
        }
    }

    /// "body > div#page > main > article.post".
    func path(of i: Int) -> String {
        var parts: [String] = []
        var cur: Int? = i
        while let c = cur, parts.count < 12 {
            parts.append(elements[c].label)
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

    /// The traits of a lower-cased tag name (``none`` for a tag no table names).
    static func of(_ tag: String) -> TagTraits {
        table[tag] ?? .none
    }

    private static let table: [String: TagTraits] = {
        var table: [String: TagTraits] = [:]
        for tag in HTMLTree.skipped { table[tag, default: .none].skipped = true }
        for (tag, kind) in HTMLBlockBuilder.leafTags { table[tag, default: .none].leaf = kind }
        for tag in HTMLBlockBuilder.containerTags { table[tag, default: .none].container = true }
        for tag in HTMLBlockBuilder.wordFormatting { table[tag, default: .none].wordFormatting = true }
        return table
    }()
}

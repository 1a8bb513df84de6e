// Main-content detection: which element holds the article or programme body. Boilerplate
// (navigation, site header and footer, sidebars and widgets, comments, cookie banners, share
// and "related" boxes) is recognised by tag, role, class and id; the body is the best marked
// container (<main>, <article>, role=main, .entry-content, .field--name-body, SPIP .texte...)
// by text outside links, else the tightest element holding most of the page's text.

/// Boilerplate recognition and the choice of the main element.
struct MainContentFinder {
    let tree: HTMLTree
    /// Zone of each element that starts one (nil: inherits its parent's).
    private(set) var zoneOf: [ProseZone?]
    /// Text characters outside links and outside boilerplate, per element (subtree).
    private(set) var plain: [Int]
    /// Text characters inside links, outside boilerplate, per element (subtree).
    private(set) var linked: [Int]
    /// Whether the subtree holds a <main>, an <article> or role=main.
    private(set) var holdsMain: [Bool]
    /// Whether the element is in a zone started by itself or an ancestor.
    private(set) var inZone: [Bool]

    init(tree: HTMLTree) {
        self.tree = tree
        let n = tree.elements.count
        // Filled as local arrays through their buffers, then stored: set through `self`, each
        // write was checked for bounds and uniqueness. The buffers are indexed by element and
        // by `parent`, which the tree sets to an element's index (below the child's).
        var zoneOf = [ProseZone?](repeating: nil, count: n)
        var plain = [Int](repeating: 0, count: n)
        var linked = [Int](repeating: 0, count: n)
        var holdsMain = [Bool](repeating: false, count: n)
        var inZone = [Bool](repeating: false, count: n)
        // Per element, from its parent's (parents come first), in one pass (instead of a walk up
        // from every element): bit 0, inside a link; bit 1, under an <article>, a <main> or
        // role=main; bit 2, the element is one of those.
        var flags = [UInt8](repeating: 0, count: n)
        tree.elements.withUnsafeBufferPointer { elements in
            flags.withUnsafeMutableBufferPointer { flags in
                // Fields read where used: a copy of an `HTMLElement` retains each of its strings.
                for i in 0..<n {
                    let tag = elements[i].tag
                    var f: UInt8 = tag == .a ? 1 : 0
                    if tag == .main || tag == .article || elements[i].role == "main" { f |= 4 }
                    if let p = elements[i].parent {
                        f |= flags[p] & 1
                        if flags[p] & 6 != 0 { f |= 2 }
                    }
                    flags[i] = f
                }
            }
            // Children come after parents: walk backwards to sum subtrees. An element's own text
            // was counted when the tree was copied (`HTMLElement.visibleText`).
            zoneOf.withUnsafeMutableBufferPointer { zoneOf in
                plain.withUnsafeMutableBufferPointer { plain in
                    linked.withUnsafeMutableBufferPointer { linked in
                        holdsMain.withUnsafeMutableBufferPointer { holdsMain in
                            for i in stride(from: n - 1, through: 0, by: -1) {
                                let f = flags[i]
                                let own = elements[i].visibleText
                                if f & 1 != 0 { linked[i] += own } else { plain[i] += own }
                                if f & 4 != 0 { holdsMain[i] = true }
                                // A weakly marked wrapper (a class "content-sidebar-wrap", an
                                // ASP.NET <form>) that holds the page's <main> or <article> is
                                // not boilerplate.
                                // Most elements have no class, id or role and a tag that
                                // starts no zone: `classify` would say nil (asked only of the rest).
                                let mayStartZone = elements[i].classEnd > elements[i].classStart || elements[i].id != nil
                                    || elements[i].role != nil || MainContentFinder.isZoneTag(elements[i].tag)
                                if i != tree.body, mayStartZone, let (zone, strong) = MainContentFinder.classify(i, tree, insideArticle: f & 2 != 0),
                                   strong || !holdsMain[i] {
                                    zoneOf[i] = zone
                                }
                                if let p = elements[i].parent {
                                    if zoneOf[i] == nil {
                                        plain[p] += plain[i]
                                        linked[p] += linked[i]
                                    }
                                    if holdsMain[i] { holdsMain[p] = true }
                                }
                            }
                        }
                    }
                }
            }
            zoneOf.withUnsafeBufferPointer { zoneOf in
                inZone.withUnsafeMutableBufferPointer { inZone in
                    for i in 0..<n {
                        inZone[i] = zoneOf[i] != nil || (elements[i].parent.map { inZone[$0] } ?? false)
                    }
                }
            }
        }
        self.zoneOf = zoneOf
        self.plain = plain
        self.linked = linked
        self.holdsMain = holdsMain
        self.inZone = inZone
    }

    /// The scalars of `s` that are not a space, a tab, a line break or a no-break space,
    /// counted on the UTF-8 bytes (a scalar is a byte that is not a continuation byte; U+00A0
    /// is C2 A0): decoding the scalars of every text of the page was 1% of its extraction.
    static func visibleCount(_ s: String) -> Int {
        UTF8Bytes.with(s) { visibleCount($0) }
    }

    /// ``visibleCount(_:)-(String)`` on the UTF-8 bytes of a text (a span of the tree's text).
    static func visibleCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        // Eight ASCII bytes at a time: each byte that is not a space counts one (the spaces
        // found with a exact per-byte zero test). A word holding a byte past 0x7F goes
        // through the byte loop, without branches: each lead byte that is not a space counts
        // one; a no-break space (C2 A0) takes back the count of its lead byte.
        var n = 0
        var previous: UInt8 = 0
        var i = 0
        let count = b.count
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if word & 0x8080_8080_8080_8080 == 0 {
                    let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                        | zeroBytes(word ^ 0x0909_0909_0909_0909) | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
                    n &+= 8 &- spaces.nonzeroBitCount
                    previous = base[i + 7]
                } else {
                    for k in i..<(i + 8) {
                        let byte = base[k]
                        n &+= visibleStep(byte, previous)
                        previous = byte
                    }
                }
                i += 8
            }
        }
        while i < count {
            let byte = b[i]
            n &+= visibleStep(byte, previous)
            previous = byte
            i += 1
        }
        return n
    }

    /// The count one byte adds: +1 for a lead byte that is not a space, -1 for the A0 of C2 A0.
    @inline(__always)
    private static func visibleStep(_ byte: UInt8, _ previous: UInt8) -> Int {
        let counted = byte & 0xC0 != 0x80 && byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D
        return (counted ? 1 : 0) &- ((previous == 0xC2 && byte == 0xA0) ? 1 : 0)
    }

    /// The high bit of each byte of `x` that is zero, and no other bit (exact, no borrow
    /// between bytes).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    // MARK: - Boilerplate

    private static let classWords: [(ProseZone, Set<String>)] = [
        (.cookie, ["cookie", "cookies", "consent", "tarteaucitron", "gdpr", "rgpd", "axeptio", "cmplz", "didomi", "orejime", "cookiebanner"]),
        (.comment, ["comment", "comments", "commentaires", "commentaire", "commentlist", "respond", "forum", "forums", "disqus",
                    "replies", "discussion"]),
        (.share, ["share", "sharing", "partage", "partager", "social", "addtoany", "sharedaddy", "addthis", "follow", "socials"]),
        (.related, ["related", "connexes", "similar", "similaires", "relatedposts", "yarpp", "recent", "recents", "archive",
                    "archives", "lire", "voir", "aussi", "seealso", "crp"]),
        (.meta, ["meta", "byline", "posted", "info-publi", "infos-publi", "published", "submitted", "tags", "tag-links",
                 "cat-links", "categories", "entry-footer", "author", "auteur", "vcard"]),
        (.navigation, ["nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "ariane", "pagination", "pager",
                       "skip", "skiplinks", "skiplink", "sidemenu", "toc", "menubar"]),
        (.sidebar, ["sidebar", "widget", "widgets", "secondary", "aside", "complementary", "extra", "sidebars", "widget-area"]),
        (.footer, ["footer", "pied", "colophon", "piedpage"]),
        (.header, ["header", "masthead", "banner", "entete", "topbar"]),
    ]

    /// For each word of `classWords`, the indices of the zones listing it.
    private static let zonesOfWord: [String: [Int]] = {
        var table: [String: [Int]] = [:]
        for (z, (_, words)) in classWords.enumerated() {
            for word in words { table[word, default: []].append(z) }
        }
        return table
    }()

    private static let ignoredPrefixes = ["has", "no", "with", "is", "js", "page", "layout", "template", "body", "single",
                                          "post-template", "wp-block-post"]

    /// Whether `classify` decides by the tag: an element with none of these, no class, no id
    /// and no role starts no zone.
    @inline(__always)
    static func isZoneTag(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .nav, .menu, .aside, .form, .footer, .header: true
        default: false
        }
    }

    /// The zone an element starts, from its tag, role, class and id, and whether the mark is
    /// strong (a tag, a role, a comment or related box) or weak (a class naming a sidebar,
    /// header or footer, a <form>); nil when it starts none.
    static func classify(_ i: Int, _ tree: HTMLTree, insideArticle: Bool) -> (ProseZone, Bool)? {
        switch tree.elements[i].tag {
        case .nav, .menu: return (.navigation, true)
        case .aside: return (.sidebar, true)
        case .form: return (.form, false)
        case .footer: return (insideArticle ? .meta : .footer, true)
        case .header: if !insideArticle { return (.header, true) }
        default: break
        }
        switch tree.elements[i].role {
        case "navigation", "menubar": return (.navigation, true)
        case "banner": if !insideArticle { return (.header, true) }
        case "contentinfo": return (.footer, true)
        case "complementary": return (.sidebar, true)
        case "search": return (.form, false)
        case "dialog", "alertdialog": return (.cookie, true)
        default: break
        }
        // The classes, then the id (no array built: this runs on every element).
        // Read by index: the slice of the keys was retained and released for every element
        // with a class.
        for k in Int(tree.elements[i].classStart)..<Int(tree.elements[i].classEnd) {
            if let outcome = classify(key: tree.classKeys[k], insideArticle: insideArticle) { return outcome.zone }
        }
        if let id = tree.elements[i].id, let outcome = classify(name: id, insideArticle: insideArticle) { return outcome.zone }
        return nil
    }

    /// What one class or id name decides: nil when it decides nothing (the next name is read),
    /// else the element's zone (nil inside it: an "entry-header" inside an article).
    private static func classify(name: String, insideArticle: Bool) -> (zone: (ProseZone, Bool)?, Void)? {
        classify(key: name.asciiLowercasedIfNeeded(), insideArticle: insideArticle)
    }

    /// ``classify(name:insideArticle:)`` of a name already lower-cased (a class key).
    private static func classify(key lower: String, insideArticle: Bool) -> (zone: (ProseZone, Bool)?, Void)? {
        // Most class names name no zone: an ASCII name whose whole and parts are in none of
        // the slots of `zonesOfWord` decides nothing, as the lookups below would find (the
        // split, a String per part and a lookup each were 23 M instructions on the 200 pages).
        if mayNameAZone(lower) == false { return nil }
        return classifyByLookups(key: lower, insideArticle: insideArticle)
    }

    /// The words of ``classWords`` by first byte, last byte and length.
    private static let zoneWordSlots: WordSlots = {
        var slots = WordSlots()
        for word in zonesOfWord.keys { slots.insert(word) }
        return slots
    }()

    /// For an ASCII class key: false when neither the key nor any of its parts (split at "-"
    /// and "_", empty parts left out, as `split` leaves them) may be in ``zoneWordSlots``
    /// and the key is none of the date names that decide without a word; true otherwise. Nil
    /// for a key with a non-ASCII byte (the Characters decide). ASCII Strings are equal only
    /// when their bytes are, and no Character of an ASCII text spans "-" or "_", so a false
    /// answer is exactly `classifyByLookups` returning nil.
    static func mayNameAZone(_ key: String) -> Bool? {
        // The date names first compared by length: four String comparisons for every class
        // name of the page were a fifth of classifying the elements.
        let n = key.utf8.count
        if n == 9 || n == 10 || n == 16, key == "entry-date" || key == "post-date" || key == "date-publication" || key == "posted-on" {
            return true
        }
        // The table read once (its lazy global's once-check ran for every part).
        let zoneWordSlots = zoneWordSlots
        return zoneWordSlots.mayContainKeyOrPart(key)
    }

    /// The lookups of ``classify(key:insideArticle:)``: the reference for ``mayNameAZone(_:)``.
    static func classifyByLookups(key lower: String, insideArticle: Bool) -> (zone: (ProseZone, Bool)?, Void)? {
        // A name without "-" or "_" is its own single part: looked up without splitting.
        guard HTMLBlockBuilder.hasSeparator(lower) else {
            guard !lower.isEmpty, !ignoredPrefixes.contains(lower), let zones = zonesOfWord[lower] else { return nil }
            return decide(zones: zones, insideArticle: insideArticle) { lower == $0 }
        }
        let parts = lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first, !ignoredPrefixes.contains(first) else { return nil }
        if lower == "entry-date" || lower == "post-date" || lower == "date-publication" || lower == "posted-on" {
            return ((.meta, true), ())
        }
        // The zones naming the class or one of its parts, in the order of `classWords`
        // (one lookup per word instead of a test of each zone's set).
        var matching: [Int] = []
        for word in CollectionOfOne(lower) + parts {
            if let zones = MainContentFinder.zonesOfWord[word] { matching += zones }
        }
        guard !matching.isEmpty else { return nil }
        return decide(zones: Set(matching).sorted(), insideArticle: insideArticle) { parts.contains($0) }
    }

    private static let relatedParts = ["related", "connexes", "similar", "similaires", "recent", "recents", "archive",
                                       "archives", "relatedposts", "yarpp", "crp", "aussi"]
    private static let strongZones: [ProseZone] = [.cookie, .comment, .share, .related, .meta]

    /// The first of `zones` (indices into `classWords`, ascending) that holds, given whether
    /// the name has a part.
    private static func decide(zones: [Int], insideArticle: Bool, hasPart: (String) -> Bool) -> (zone: (ProseZone, Bool)?, Void)? {
        for z in zones {
            let zone = classWords[z].0
            // "entry-header" inside an article holds the title: not boilerplate.
            if zone == .header && insideArticle { return (nil, ()) }
            if zone == .related && !relatedParts.contains(where: hasPart) { continue }
            return ((zone, strongZones.contains(zone)), ())
        }
        return nil
    }

    // MARK: - Choosing the main element

    /// Class and id words of containers that hold an article's or a programme's body.
    private static let contentNames: Set<String> = [
        "content", "main-content", "maincontent", "main", "primary", "entry-content", "post-content", "article-content",
        "article-body", "articlebody", "post-body", "entry", "field--name-body", "node__content", "node-content", "texte",
        "chapo", "surlignable", "contenu", "page-content", "td-post-content", "single-content", "article", "post", "story",
        "main-container", "region-content", "block-system-main-block", "fr-content", "agenda", "evenements", "events",
    ]

    /// The element chosen, the reason, and the runner-up candidates.
    func choose() -> (index: Int, reason: String, candidates: [String]) {
        let body = tree.body
        let total = max(1, plain[body])
        var marked: [(index: Int, score: Double, reason: String)] = []
        let elements = tree.elements
        // Only elements holding enough of the text can be chosen: tested first, as it is cheap.
        for i in elements.indices where i != body && !inZone[i] && plain[i] >= 80 && Double(plain[i]) >= 0.25 * Double(total) {
            var reason: String?
            if elements[i].tag == .main { reason = "<main> element" }
            else if elements[i].role == "main" { reason = "role=main" }
            else if elements[i].tag == .article { reason = "<article> element" }
            else if let name = tree.classes(of: i).first(where: { MainContentFinder.contentNames.contains($0.asciiLowercasedIfNeeded()) }) {
                reason = "class " + name
            } else if let id = elements[i].id, MainContentFinder.contentNames.contains(id.asciiLowercasedIfNeeded()) {
                reason = (tree.classes(of: i).contains(id) ? "class " : "id ") + id
            }
            guard let reason else { continue }
            marked.append((i, score(i), reason))
        }
        marked.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        let candidates = marked.prefix(4).map { "\(tree.path(of: $0.index)) (\($0.reason), score \(Int($0.score)))" }
        if let best = marked.first {
            // Prefer an enclosing marked element whose score is nearly as good: it keeps the
            // title and byline that an inner ".entry-content" leaves out.
            var chosen = best
            for other in marked where other.index < chosen.index && tree.isInside(chosen.index, other.index)
                && other.score >= 0.85 * chosen.score {
                chosen = other
            }
            return (chosen.index, chosen.reason, candidates)
        }
        // No marked container: descend while one child holds most of the text.
        var cur = body
        while true {
            let kids = tree.children(of: cur).compactMap { c -> Int? in
                if case .element(let e) = c, zone(of: e) == nil { return e }
                return nil
            }
            guard let top = kids.max(by: { plain[$0] < plain[$1] }),
                  Double(plain[top]) >= 0.75 * Double(plain[cur]), plain[top] >= 80 else { break }
            cur = top
        }
        return (cur, cur == body ? "the whole body (no container holds most of the text)" : "densest text block", candidates)
    }

    /// Text outside links, weighed down by the share of text in links.
    func score(_ i: Int) -> Double {
        let p = Double(plain[i]), l = Double(linked[i])
        let density = p + l > 0 ? l / (p + l) : 0
        return p * (1 - density)
    }

    func linkDensity(_ i: Int) -> Double {
        let p = Double(plain[i]), l = Double(linked[i])
        return p + l > 0 ? l / (p + l) : 0
    }

    /// The zone element `i` starts (nil when it starts none).
    func zone(of i: Int) -> ProseZone? { zoneOf[i] }
}

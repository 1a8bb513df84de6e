// The allow-list serialiser behind HTMLText.sanitize (feeds) and the page extractor's
// descriptions: walks a parsed fragment and writes back only the tags and attributes known to be
// safe to show in a programme.

import LabfeedMarkup

/// Writes the safe subset of an HTML tree as HTML text.
struct HTMLSanitizer {
    /// What survives, and how it is written. Both policies drop the same dangerous elements
    /// (``droppedTags``) and unsafe URLs; they differ in how much formatting they keep.
    struct Policy {
        /// Tags kept; other tags are unwrapped (their content kept).
        var tags: Set<String>
        /// Attributes allowed on any kept tag.
        var globalAttributes: Set<String>
        /// Attributes allowed per tag, beyond the global ones.
        var tagAttributes: [String: Set<String>]
        /// Tags written under another name.
        var renamed: [String: String]
        /// How a void element ends: `" />"` or `">"`.
        var voidEnd: String

        /// Feed summaries and contents (docs/FORMATS.md): most formatting, images, tables,
        /// media; void elements written XHTML-style (`<br />`).
        static let feed = Policy(
            tags: [
                "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote",
                "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
                "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
                "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
                "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
                "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
                "audio", "video", "source",
            ],
            globalAttributes: ["title", "lang", "dir"],
            tagAttributes: [
                "a": ["href", "hreflang", "rel"],
                "img": ["src", "alt", "width", "height"],
                "td": ["colspan", "rowspan", "headers"], "th": ["colspan", "rowspan", "headers", "scope"],
                "col": ["span"], "colgroup": ["span"],
                "ol": ["start", "type", "reversed"], "li": ["value"],
                "time": ["datetime"], "blockquote": ["cite"], "q": ["cite"], "del": ["cite", "datetime"],
                "ins": ["cite", "datetime"], "abbr": ["title"],
                "audio": ["src", "controls"], "video": ["src", "controls", "poster", "width", "height"],
                "source": ["src", "type"],
            ],
            renamed: [:],
            voidEnd: " />"
        )

        /// Event descriptions read from pages (docs/EXTRACTION.md): the text structure only,
        /// `a[href]` the one attribute; `h1` (the page's own title level) becomes `h2`; HTML-style
        /// void elements (`<br>`).
        static let page = Policy(
            tags: [
                "p", "br", "a", "ul", "ol", "li", "strong", "b", "em", "i", "u", "blockquote", "h2", "h3", "h4",
                "h5", "h6", "code", "pre", "sub", "sup", "dl", "dt", "dd",
            ],
            globalAttributes: [],
            tagAttributes: ["a": ["href"]],
            renamed: ["h1": "h2"],
            voidEnd: ">"
        )
    }

    let baseURL: String?
    var policy: Policy = .feed

    /// Tags dropped together with everything inside them.
    static let droppedTags: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "template", "head", "title", "meta", "link", "base", "svg", "math",
        "form", "input", "select", "textarea", "button", "canvas", "dialog",
    ]

    static let voidTags: Set<String> = ["br", "hr", "img", "col", "source", "wbr"]

    /// Attributes holding a URL: resolved, and dropped when their scheme is not safe.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]
    static let safeSchemes: Set<String> = ["http", "https", "mailto", "ftp", "tel"]

    func serialise(childrenOf node: MarkupNode) -> String {
        var out = ""
        for child in node.children { write(child, into: &out) }
        return out
    }

    private func write(_ node: MarkupNode, into out: inout String) {
        switch node.kind {
        case .text, .cdata:
            out += HTMLText.escape(node.text, quotes: false)
        case .element:
            var name = node.name.lowercased()
            if Self.droppedTags.contains(name) { return }
            name = policy.renamed[name] ?? name
            guard policy.tags.contains(name) else {
                // Unwrapped; a block still ends a line, so that its text does not run into the next.
                let block = PlainTextWriter.blockTags.contains(name)
                if block && !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                for child in node.children { write(child, into: &out) }
                if block { out += "\n" }
                return
            }
            out += "<" + name
            for attribute in node.attributes {
                if let value = cleaned(attribute, of: name) {
                    out += " " + attribute.name.lowercased() + "=\"" + HTMLText.escape(value) + "\""
                }
            }
            if Self.voidTags.contains(name) {
                out += policy.voidEnd
                return
            }
            out += ">"
            for child in node.children { write(child, into: &out) }
            out += "</" + name + ">"
        default:
            return
        }
    }

    /// The attribute's value when it may be kept, resolved for URLs; nil to drop it.
    private func cleaned(_ attribute: MarkupNode.Attribute, of tag: String) -> String? {
        let name = attribute.name.lowercased()
        guard attribute.namespaceURI == nil,
              policy.globalAttributes.contains(name) || policy.tagAttributes[tag]?.contains(name) == true else { return nil }
        guard Self.urlAttributes.contains(name) else { return attribute.value }
        let raw = Whitespace.collapse(attribute.value)
        if raw.isEmpty { return nil }
        // Control characters and spaces inside a scheme ("java\tscript:") are a known trick.
        let compact = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value > 0x20 }))
        if let scheme = URLResolver.scheme(of: compact) {
            return Self.safeSchemes.contains(scheme) ? raw : nil
        }
        if raw.hasPrefix("#") { return raw }
        // Resolved against a `file:` base (a document read from disk), a link is no web link.
        let resolved = URLResolver.resolve(raw, against: baseURL)
        if let scheme = URLResolver.scheme(of: resolved), !Self.safeSchemes.contains(scheme) { return nil }
        return resolved
    }
}

// The allow-list serialiser behind HTMLText.sanitize: walks a parsed fragment and writes back
// only the tags and attributes known to be safe to show in a programme.

import LabfeedMarkup

/// Writes the safe subset of an HTML tree as HTML text.
struct HTMLSanitizer {
    let baseURL: String?

    /// Tags kept (with their allowed attributes).
    static let allowedTags: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
        "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
        "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
        "audio", "video", "source",
    ]

    /// Tags dropped together with everything inside them.
    static let droppedTags: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "template", "head", "title", "meta", "link", "base", "svg", "math",
        "form", "input", "select", "textarea", "button", "canvas", "dialog",
    ]

    static let voidTags: Set<String> = ["br", "hr", "img", "col", "source", "wbr"]

    /// Attributes allowed on any kept tag.
    static let globalAttributes: Set<String> = ["title", "lang", "dir"]

    /// Attributes allowed per tag, beyond the global ones.
    static let tagAttributes: [String: Set<String>] = [
        "a": ["href", "hreflang", "rel"],
        "img": ["src", "alt", "width", "height"],
        "td": ["colspan", "rowspan", "headers"], "th": ["colspan", "rowspan", "headers", "scope"],
        "col": ["span"], "colgroup": ["span"],
        "ol": ["start", "type", "reversed"], "li": ["value"],
        "time": ["datetime"], "blockquote": ["cite"], "q": ["cite"], "del": ["cite", "datetime"],
        "ins": ["cite", "datetime"], "abbr": ["title"],
        "audio": ["src", "controls"], "video": ["src", "controls", "poster", "width", "height"],
        "source": ["src", "type"],
    ]

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
            out += HTMLText.escape(node.text).replacingQuotes
        case .element:
            let name = node.name.lowercased()
            if Self.droppedTags.contains(name) { return }
            guard Self.allowedTags.contains(name) else {
                for child in node.children { write(child, into: &out) }
                return
            }
            out += "<" + name
            for attribute in node.attributes {
                if let value = cleaned(attribute, of: name) {
                    out += " " + attribute.name.lowercased() + "=\"" + HTMLText.escape(value) + "\""
                }
            }
            if Self.voidTags.contains(name) {
                out += " />"
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
              Self.globalAttributes.contains(name) || Self.tagAttributes[tag]?.contains(name) == true else { return nil }
        guard Self.urlAttributes.contains(name) else { return attribute.value }
        let raw = Whitespace.collapse(attribute.value)
        if raw.isEmpty { return nil }
        // Control characters and spaces inside a scheme ("java\tscript:") are a known trick.
        let compact = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value > 0x20 }))
        if let scheme = URLResolver.scheme(of: compact) {
            return Self.safeSchemes.contains(scheme) ? raw : nil
        }
        if raw.hasPrefix("#") { return raw }
        return URLResolver.resolve(raw, against: baseURL)
    }
}

extension String {
    /// Text content needs no quote escaping; undo it for readability.
    fileprivate var replacingQuotes: String {
        contains("&quot;") ? replacing("&quot;", with: "\"") : self
    }
}

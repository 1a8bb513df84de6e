// The plain text of a parsed HTML fragment or page node: what a reader sees, one block per line.

import LabfeedMarkup

/// Extracts readable text from an HTML tree (``HTMLText`` for feeds and pages alike).
enum PlainTextWriter {
    /// Elements that start and end a line of their own.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "tfoot", "thead", "tr", "ul", "center",
    ]

    /// Elements whose content is not text a reader sees.
    static let hiddenTags: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
        "object", "embed", "svg", "math", "select", "textarea",
    ]

    /// The text of `node`: lines collapsed; with `paragraphs`, blocks are separated by an empty
    /// line (a `<br>` still only breaks the line); with `imageAlt`, an image gives its `alt`.
    static func text(of node: MarkupNode, paragraphs: Bool = false, imageAlt: Bool = false) -> String {
        var writer = Writer(blockBreak: paragraphs ? "\n\n" : "\n", imageAlt: imageAlt)
        writer.append(node, pre: false)
        return paragraphs ? Whitespace.collapseParagraphs(writer.out) : Whitespace.collapseLines(writer.out)
    }

    private struct Writer {
        let blockBreak: String
        let imageAlt: Bool
        var out = ""

        /// Source line breaks are spaces in HTML, except inside `pre`; only blocks and `br` break lines.
        mutating func append(_ node: MarkupNode, pre: Bool) {
            switch node.kind {
            case .text, .cdata:
                let text = node.text
                if pre || !text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                    out += text
                } else {
                    out += String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
                }
            case .element, .document:
                let name = node.name.lowercased()
                if PlainTextWriter.hiddenTags.contains(name) { return }
                if name == "br" { out += "\n"; return }
                if name == "img" {
                    if imageAlt, let alt = node.attribute("alt") { out += " \(alt) " }
                    return
                }
                let block = PlainTextWriter.blockTags.contains(name)
                let cell = name == "td" || name == "th"
                if block { out += blockBreak }
                if cell { out += " " }
                for child in node.children { append(child, pre: pre || name == "pre") }
                if block { out += blockBreak }
                if cell { out += " " }
            default:
                return
            }
        }
    }
}

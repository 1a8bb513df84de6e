// The plain text of a parsed HTML fragment: what a reader sees, one block per line.

import LabfeedMarkup

/// Extracts readable text from an HTML tree.
enum PlainTextWriter {
    /// Elements that start and end a line of their own.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul", "center",
    ]

    /// Elements whose content is not text a reader sees.
    static let hiddenTags: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
        "object", "embed", "svg", "math", "select", "textarea",
    ]

    static func text(of node: MarkupNode) -> String {
        var out = ""
        append(node, into: &out, pre: false)
        return Whitespace.collapseLines(out)
    }

    /// Source line breaks are spaces in HTML, except inside `pre`; only blocks and `br` break lines.
    private static func append(_ node: MarkupNode, into out: inout String, pre: Bool) {
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
            if hiddenTags.contains(name) { return }
            if name == "br" { out += "\n"; return }
            let block = blockTags.contains(name)
            if block { out += "\n" }
            if name == "td" || name == "th" { out += " " }
            for child in node.children { append(child, into: &out, pre: pre || name == "pre") }
            if block { out += "\n" }
        default:
            return
        }
    }
}

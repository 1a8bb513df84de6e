// Namespaces and small readers shared by the RSS and Atom readers.

import LabfeedCore
import LabfeedMarkup

/// Namespace URIs of the feed vocabularies labfeed reads.
enum FeedNS {
    static let atom = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let media = "http://search.yahoo.com/mrss/"
    static let event = "http://purl.org/rss/1.0/modules/event/"
    static let xcal = "urn:ietf:params:xml:ns:xcal"
    static let gd = "http://schemas.google.com/g/2005"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// Two namespaces some RSS 2.0 generators put on the root; with no namespace, RSS 1.0 and
    /// RSS 0.90 they make "core RSS" (``FeedNamespace/isCoreRSS``).
    static let userland = "http://backend.userland.com/rss2"
    static let harvard = "http://blogs.law.harvard.edu/tech/rss"
}

extension MarkupNode {
    /// The collapsed text, or nil when empty.
    var trimmedText: String? { FeedWhitespace.nonEmptyText(of: self) }

    /// ``MarkupNode/text``, decoded from ``MarkupNode/withTextBytes(_:)`` (a field's single text
    /// node read in place rather than gathered byte by byte).
    var textInOneCopy: String { withTextBytes { String(decoding: $0, as: UTF8.self) } }

    /// Whether this element is named `name` in core RSS (``FeedNamespace/isCoreRSS``).
    func isCoreRSS(_ name: StaticString) -> Bool {
        hasLocalName(name) && FeedNamespace(self).isCoreRSS
    }

    /// Whether this element is named `name` in Atom 1.0, Atom 0.3 or no namespace.
    func isAtom(_ name: StaticString) -> Bool {
        hasLocalName(name) && FeedNamespace(self).isAtomOrNone
    }

    /// The base URL in force at this node: the `xml:base` attributes from the root down,
    /// each resolved against the one above, starting from `root`.
    func xmlBase(root: String?) -> String? {
        var chain: [String] = []
        var node: MarkupNode? = self
        var depth = 0
        while let n = node, depth < 64 {
            if n.mayHaveAttributes, let base = n.attribute("base", namespace: FeedNS.xml) { chain.append(base) }
            node = n.parent
            depth += 1
        }
        var base = root
        for reference in chain.reversed() { base = URLResolver.resolve(reference, against: base) }
        return base
    }

    /// The base URL in force at this node when its parent's is `parentBase`: that one, or this
    /// element's own `xml:base` resolved against it. For the children of an item or entry whose
    /// base is already known: the same as ``xmlBase(root:)`` without walking up to the root
    /// again (but for an `xml:base` more than 63 levels up, which that one ignores).
    func xmlBase(parentBase: String?) -> String? {
        guard mayHaveAttributes, let own = attribute("base", namespace: FeedNS.xml) else { return parentBase }
        return URLResolver.resolve(own, against: parentBase)
    }

    /// `xml:lang` on this element only (not inherited).
    var ownLanguage: String? {
        mayHaveAttributes ? attribute("lang", namespace: FeedNS.xml).flatMap(FeedWhitespace.nonEmpty) : nil
    }
}

/// Shared readers for feed fields.
enum FeedFields {
    /// An RSS `author`: `jdoe@example.com (John Doe)`, `John Doe (jdoe@example.com)`,
    /// `John Doe <jdoe@example.com>`, a bare address or a bare name.
    static func author(fromRSS text: String) -> Author? {
        let s = Whitespace.collapse(text)
        guard !s.isEmpty else { return nil }
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let outside = Whitespace.nonEmpty(s[..<open])
            let inside = Whitespace.nonEmpty(s[s.index(after: open)..<s.index(before: s.endIndex)])
            if let outside, isAddress(outside) { return Author(name: inside, email: outside) }
            if let inside, isAddress(inside) { return Author(name: outside, email: inside) }
        }
        if let open = s.firstIndex(of: "<"), s.hasSuffix(">") {
            let name = Whitespace.nonEmpty(s[..<open])
            let email = Whitespace.nonEmpty(s[s.index(after: open)..<s.index(before: s.endIndex)])
            if let email, email.contains("@") { return Author(name: name, email: email) }
        }
        if !s.contains(" "), s.contains("@") { return Author(email: s) }
        return Author(name: s)
    }

    /// One word with an `@` inside: an e-mail address, not a name.
    private static func isAddress(_ s: String) -> Bool {
        !s.contains(" ") && s.dropFirst().dropLast().contains("@")
    }

    /// A BCP 47 tag as written, with `_` read as `-` (`en_US` → `en-US`); nil when blank.
    static func languageTag(_ text: String?) -> String? {
        guard let tag = Whitespace.nonEmpty(text) else { return nil }
        return tag.utf8.contains(0x5F) ? String(tag.map { $0 == "_" ? "-" : $0 }) : tag
    }

    /// A positive length, or nil for "0", "", or garbage.
    static func length(_ text: String?) -> Int? {
        guard let text, let n = Int(Whitespace.collapse(text)), n > 0 else { return nil }
        return n
    }

    /// Appends `term` unless blank or already present.
    static func addCategory(_ term: String?, to list: inout [String]) {
        guard let term = term.flatMap(FeedWhitespace.nonEmpty), !list.contains(term) else { return }
        list.append(term)
    }
}

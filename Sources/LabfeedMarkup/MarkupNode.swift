// Nodes of a MarkupDocument: traversal and text. A node keeps its document alive.

internal import CLibXML2

/// One node of a parsed document (element, text, CDATA, comment, ...).
///
/// Holds its document, so the tree stays valid as long as a node is in use.
public struct MarkupNode {
    let pointer: xmlNodePtr
    /// The document this node belongs to.
    public let document: MarkupDocument

    init(_ pointer: xmlNodePtr, in document: MarkupDocument) {
        self.pointer = pointer
        self.document = document
    }

    /// The kinds of node labfeed tells apart.
    public enum Kind: Sendable, Hashable {
        case element, text, cdata, comment, entityReference, processingInstruction, document, other
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_CDATA_SECTION_NODE: .cdata
        case XML_COMMENT_NODE: .comment
        case XML_ENTITY_REF_NODE: .entityReference
        case XML_PI_NODE: .processingInstruction
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: .document
        default: .other
        }
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The local name (`entry` for `<atom:entry>`). HTML names are lower case.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI, or nil (HTML elements have none).
    public var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The prefix as written in the document, or nil.
    public var namespacePrefix: String? {
        pointer.pointee.ns?.pointee.prefix.map { String(cString: $0) }
    }

    /// The line the node starts on (1-based), or 0 when unknown.
    ///
    /// An element's line is read from the node when it fits libxml2's 16-bit field (below
    /// 65,535), which is what `xmlGetLineNo` then returns; any other node or line is asked of
    /// `xmlGetLineNo` (the prose tree reads the line of every element of a page).
    public var line: Int {
        if pointer.pointee.type == XML_ELEMENT_NODE, pointer.pointee.line != UInt16.max { return Int(pointer.pointee.line) }
        return lineByLibxml2
    }

    /// ``line`` as `xmlGetLineNo` answers it for every node (the reference of the in-place read).
    var lineByLibxml2: Int { Int(xmlGetLineNo(pointer)) }

    public var parent: MarkupNode? {
        guard let p = pointer.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(p, in: document)
    }

    /// All child nodes in order.
    public var children: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let c = child {
            result.append(MarkupNode(c, in: document))
            child = c.pointee.next
        }
        return result
    }

    /// The child elements in order.
    public var elements: [MarkupNode] {
        children.filter(\.isElement)
    }

    /// The first child element with this local name (and namespace, when given).
    public func firstChild(_ name: String, namespace: String? = nil) -> MarkupNode? {
        var child = pointer.pointee.children
        while let c = child {
            let node = MarkupNode(c, in: document)
            if node.isElement && node.name == name && (namespace == nil || node.namespaceURI == namespace) {
                return node
            }
            child = c.pointee.next
        }
        return nil
    }

    /// Every child element with this local name (and namespace, when given).
    public func children(_ name: String, namespace: String? = nil) -> [MarkupNode] {
        elements.filter { $0.name == name && (namespace == nil || $0.namespaceURI == namespace) }
    }

    /// The next sibling element, if any.
    public var nextElement: MarkupNode? {
        var next = pointer.pointee.next
        while let n = next {
            if n.pointee.type == XML_ELEMENT_NODE { return MarkupNode(n, in: document) }
            next = n.pointee.next
        }
        return nil
    }

    // MARK: - Attributes

    /// One attribute as written.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var namespaceURI: String?
        public var value: String
    }

    /// Every attribute in document order.
    public var attributes: [Attribute] {
        var result: [Attribute] = []
        var attr = pointer.pointee.properties
        while let a = attr {
            let name = a.pointee.name.map { String(cString: $0) } ?? ""
            let ns = a.pointee.ns?.pointee.href.map { String(cString: $0) }
            var value = ""
            if let raw = xmlNodeListGetString(document.pointer, a.pointee.children, 1) {
                value = String(cString: raw)
                cxml_free(raw)
            }
            result.append(Attribute(name: name, namespaceURI: ns, value: value))
            attr = a.pointee.next
        }
        return result
    }

    /// The value of an attribute (with no namespace, or in `namespace`), or nil when absent.
    /// HTML attribute names are matched case-insensitively, as libxml2 lower-cases them.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        if namespace == nil, let answer = attributeInPlace(name) { return answer }
        return attributeByLibxml2(name, namespace: namespace)
    }

    /// ``attribute(_:namespace:)`` as libxml2 answers it (`xmlGetNoNsProp`, then `xmlGetProp`,
    /// which copy the value): the reference of ``attributeInPlace(_:)``, and the path for
    /// whatever it does not answer (inlined: a feed asks namespaced attributes straight here).
    @inline(__always)
    func attributeByLibxml2(_ name: String, namespace: String? = nil) -> String? {
        let raw: UnsafeMutablePointer<xmlChar>?
        if let namespace {
            raw = xmlGetNsProp(pointer, name, namespace)
        } else {
            raw = xmlGetNoNsProp(pointer, name) ?? xmlGetProp(pointer, name)
        }
        guard let raw else { return nil }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }

    /// `xml:lang` (or HTML `lang`) on this node or its nearest ancestor.
    public var language: String? {
        guard let raw = xmlNodeGetLang(pointer) else {
            var node: MarkupNode? = self
            while let n = node {
                if let lang = n.attribute("lang"), !lang.isEmpty { return lang }
                node = n.parent
            }
            return nil
        }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }

    /// The base URL in force at this node (`xml:base` chain, then the document URL), or nil.
    public var baseURL: String? {
        guard let raw = xmlNodeGetBase(document.pointer, pointer) else { return nil }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }

    // MARK: - Text

    /// The text of this node and all its descendants, concatenated as in the document.
    ///
    /// CDATA counts as text; comments and processing instructions do not. An entity reference
    /// contributes its declared replacement text only when that text holds no further
    /// references, so a "billion laughs" document cannot blow up here.
    public var text: String {
        var out: [UInt8] = []
        MarkupNode.gatherText(pointer, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The markup of this node and its descendants, serialised as the document's syntax.
    public var outerMarkup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        switch document.syntax {
        case .xml: _ = xmlNodeDump(buffer, document.pointer, pointer, 0, 0)
        case .html: _ = htmlNodeDump(buffer, document.pointer, pointer)
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// The markup of the children, without this node's own tags.
    public var innerMarkup: String {
        children.map(\.outerMarkup).joined()
    }
}

@available(*, unavailable, message: "nodes belong to a document that must stay on one thread")
extension MarkupNode: Sendable {}

// A node's text as bytes, for readers that tidy the text before making a String of it (the
// feed readers collapse white space straight from libxml2's buffer). The bytes are exactly those
// ``MarkupNode/text`` decodes: the same text, CDATA and entity-reference nodes in the same order.

internal import CLibXML2
internal import Glibc

extension MarkupNode {
    /// Calls `body` with the UTF-8 bytes ``text`` would decode (before any repair of ill-formed
    /// UTF-8), without making a String.
    ///
    /// A text or CDATA node, and an element holding one such node or none (most fields of a
    /// feed), are read in place from libxml2's buffer; anything else is gathered into one array.
    /// The buffer is valid only during the call.
    public func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var leaf: xmlNodePtr? = pointer
        if pointer.pointee.type == XML_ELEMENT_NODE {
            let first = pointer.pointee.children
            if first == nil { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            leaf = first?.pointee.next == nil ? first : nil
        }
        if let leaf, leaf.pointee.type == XML_TEXT_NODE || leaf.pointee.type == XML_CDATA_SECTION_NODE {
            guard let content = leaf.pointee.content else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeBufferPointer(start: content, count: MarkupNode.length(content)))
        }
        var out: [UInt8] = []
        MarkupNode.gatherText(pointer, into: &out)
        return try out.withUnsafeBufferPointer(body)
    }

    /// The bytes of ``text``: text and CDATA nodes, and an entity reference's replacement text
    /// when it holds no further reference (no "billion laughs"), appended a string at a time.
    static func gatherText(_ node: xmlNodePtr, into out: inout [UInt8]) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { append(content, into: &out) }
        case XML_ENTITY_REF_NODE:
            let entity = UnsafeMutableRawPointer(node.pointee.children)?.assumingMemoryBound(to: xmlEntity.self)
            if let entity, let content = entity.pointee.content,
               entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, xmlStrchr(content, 0x26) == nil {
                append(content, into: &out)
            }
        case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE:
            var child = node.pointee.children
            while let c = child {
                gatherText(c, into: &out)
                child = c.pointee.next
            }
        default:
            break
        }
    }

    /// The length of a NUL-terminated libxml2 string, measured by the C library.
    private static func length(_ content: UnsafePointer<xmlChar>) -> Int {
        strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
    }

    private static func append(_ content: UnsafePointer<xmlChar>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: content, count: MarkupNode.length(content)))
    }
}

// One walk over a node's children for a reader that copies a whole page (the prose tree): the
// bytes of each text child and, for each element child, the node and its name's bytes, read
// straight from libxml2's node fields in one call per parent. Exactly what
// ``MarkupNode/forEachChild(_:)`` with ``MarkupNode/withLeafBytes(_:)``,
// ``MarkupNode/kind`` and ``MarkupNode/withLocalNameBytes(_:)`` give, child by child.

internal import CLibXML2
internal import Glibc

extension MarkupNode {
    /// Calls `text` with the bytes of each text, CDATA and entity-reference child (what
    /// ``withLeafBytes(_:)`` hands: as they sit in libxml2's buffer, possibly empty) and
    /// `element` with each element child and its local name's bytes
    /// (``withLocalNameBytes(_:)``), in document order; comments, processing instructions and
    /// any other child are passed over. The buffers are valid only during each call.
    ///
    /// Copying a page's tree asked three or four questions of every child across the module's
    /// border (`kind`, then `withLeafBytes` or `withLocalNameBytes`, generic over their result,
    /// which ran unspecialised: a value-witness call to store each optional result), and made
    /// a node, retaining the document, for every text child.
    public func forEachChild(text: (UnsafeBufferPointer<UInt8>) -> Void, element: (MarkupNode, UnsafeBufferPointer<UInt8>) -> Void) {
        var child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                let name = c.pointee.name.map { UnsafeBufferPointer(start: $0, count: MarkupNode.byteLength($0)) }
                element(MarkupNode(c, in: document), name ?? UnsafeBufferPointer(start: nil, count: 0))
            } else if let bytes = MarkupNode.leafBytes(c) {
                text(bytes)
            }
            child = c.pointee.next
        }
    }

    /// The bytes ``withLeafBytes(_:)`` hands for `node`: a text or CDATA node's content, an
    /// entity reference's replacement text when it holds no markup (else none), nil for any
    /// other kind of node.
    @inline(__always)
    static func leafBytes(_ node: xmlNodePtr) -> UnsafeBufferPointer<UInt8>? {
        let content: UnsafePointer<xmlChar>?
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            content = UnsafePointer(node.pointee.content)
        case XML_ENTITY_REF_NODE:
            // As `text` reads it: an internal entity's replacement text, unless it holds markup.
            let entity = UnsafeMutableRawPointer(node.pointee.children)?.assumingMemoryBound(to: xmlEntity.self)
            guard let entity, let text = entity.pointee.content,
                  entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, xmlStrchr(text, 0x26) == nil else {
                return UnsafeBufferPointer(start: nil, count: 0)
            }
            content = UnsafePointer(text)
        default:
            return nil
        }
        guard let content else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: content, count: byteLength(content))
    }

    /// The length of a NUL-terminated libxml2 string, measured by the C library.
    @inline(__always)
    static func byteLength(_ content: UnsafePointer<xmlChar>) -> Int {
        strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
    }
}

// Reading a tree fast: a text node's text in one copy from libxml2's buffer, and the children
// walked without building an array. For readers that copy a whole page (the prose tree); the
// results equal what ``MarkupNode/text`` and ``MarkupNode/children`` give.

internal import CLibXML2

extension MarkupNode {
    /// The text of a text, CDATA or entity-reference node, as ``text`` gives it; nil for
    /// elements and every other kind of node.
    ///
    /// ``text`` gathers a node's text byte by byte into an array before making the string;
    /// for one text node this reads libxml2's buffer once (about a fifth of copying a page's
    /// tree went to that gathering).
    public var leafText: String? {
        switch pointer.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = pointer.pointee.content else { return "" }
            return MarkupNode.string(content)
        case XML_ENTITY_REF_NODE:
            // As `text` reads it: an internal entity's replacement text, unless it holds markup.
            let entity = UnsafeMutableRawPointer(pointer.pointee.children)?.assumingMemoryBound(to: xmlEntity.self)
            guard let entity, let content = entity.pointee.content,
                  entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, xmlStrchr(content, 0x26) == nil else { return "" }
            return MarkupNode.string(content)
        default:
            return nil
        }
    }

    /// Calls `body` with each child node in order (what ``children`` lists), without building
    /// the array.
    public func forEachChild(_ body: (MarkupNode) throws -> Void) rethrows {
        var child = pointer.pointee.children
        while let c = child {
            try body(MarkupNode(c, in: document))
            child = c.pointee.next
        }
    }

    /// A NUL-terminated libxml2 string, decoded as `String(decoding:as:)` decodes the bytes
    /// (`String(cString:)` repairs ill-formed sequences the same way, and measures the string
    /// with the C library's strlen rather than xmlStrlen's byte loop).
    private static func string(_ content: UnsafePointer<xmlChar>) -> String {
        String(cString: content)
    }
}

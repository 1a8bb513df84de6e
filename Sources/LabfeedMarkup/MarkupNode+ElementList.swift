// A node's child elements as one array of the exact size: for readers that list the children
// of every item of a feed (``MarkupNode/elements`` builds the array of all children, text
// nodes included, growing it, then filters it into a second one).

internal import CLibXML2

extension MarkupNode {
    /// The child elements in order: the same nodes as ``elements``, counted first so the array
    /// is allocated once, and with no node made for the text between them.
    public var childElements: [MarkupNode] {
        var count = 0
        var child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { count += 1 }
            child = c.pointee.next
        }
        var result: [MarkupNode] = []
        guard count > 0 else { return result }
        result.reserveCapacity(count)
        child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(MarkupNode(c, in: document)) }
            child = c.pointee.next
        }
        return result
    }
}

// Freeing parts of a tree early: a reader that has taken what it needs from an element can give
// its memory back before the rest of the document is read (big feeds: one item at a time).

internal import CLibXML2

extension MarkupNode {
    /// Removes this node and everything inside it from the document and frees their memory.
    ///
    /// For readers that walk a large document once: after reading an element, discarding it
    /// keeps the tree from holding what has already been copied out. Afterwards this node and
    /// every ``MarkupNode`` value inside it are dangling and must not be used; nodes outside it
    /// (parents, siblings) stay valid. Discarding the root element does nothing.
    public func discard() {
        guard pointer.pointee.parent != nil, pointer != xmlDocGetRootElement(document.pointer) else { return }
        xmlUnlinkNode(pointer)
        xmlFreeNode(pointer)
    }
}

// Questions about a node's shape answered from libxml2's pointers, without building arrays or
// Strings: for readers that ask them of every field of every feed item.

internal import CLibXML2

extension MarkupNode {
    /// Whether any child is an element (`!elements.isEmpty`, without building the array).
    public var hasElementChildren: Bool {
        var child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { return true }
            child = c.pointee.next
        }
        return false
    }

    /// Whether ``attribute(_:namespace:)`` may find anything here: false only for an element
    /// with no attribute written in a document without a DTD (a DTD may declare default values,
    /// which libxml2's attribute lookup returns), so a reader may skip asking.
    public var mayHaveAttributes: Bool {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return false }
        if pointer.pointee.properties != nil { return true }
        guard let doc = pointer.pointee.doc else { return false }
        return doc.pointee.intSubset != nil || doc.pointee.extSubset != nil
    }
}

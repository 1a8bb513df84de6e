// Node identity: two MarkupNode values are equal when they are the same node of the same tree.
// Lets callers keep sets of visited nodes (microdata itemref cycles, selectors' dedup).

extension MarkupNode: Hashable {
    public static func == (a: MarkupNode, b: MarkupNode) -> Bool { a.pointer == b.pointer }

    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    /// Whether `self` is `other` or one of its descendants.
    public func isInside(_ other: MarkupNode) -> Bool {
        var node: MarkupNode? = self
        while let n = node {
            if n == other { return true }
            node = n.parent
        }
        return false
    }
}

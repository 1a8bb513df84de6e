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
        withLeafBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends to `out` the UTF-8 bytes of ``leafText`` (the string's own bytes, ill-formed
    /// sequences repaired as ``leafText`` repairs them) and returns true; returns false, appending
    /// nothing, for elements and every other kind of node.
    ///
    /// For a reader that gathers a page's text into one buffer (the prose tree): the bytes are
    /// copied from libxml2's buffer once, with no String per text node. Valid UTF-8 (what
    /// libxml2 hands out for any page it decoded) is copied as it is; anything else goes through
    /// ``leafText``, so the bytes are always exactly its string's.
    public func appendLeafText(to out: inout [UInt8]) -> Bool {
        withLeafBytes { bytes in
            if Charset.isValidUTF8(bytes) {
                out.append(contentsOf: bytes)
            } else {
                out.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf8)
            }
        } != nil
    }

    /// Calls `body` with the bytes of a text, CDATA or entity-reference node as they sit in
    /// libxml2's buffer (before any repair: ``leafText`` is `String(decoding:as:)` of them) and
    /// returns its result; nil, without calling `body`, for elements and every other kind of
    /// node. A node without text gives an empty buffer. The buffer is valid only during the call.
    ///
    /// For a reader that checks the bytes in its own scan (the prose tree checks UTF-8 while it
    /// reads the text's spaces) and copies them when they are valid.
    public func withLeafBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard let bytes = MarkupNode.leafBytes(pointer) else { return nil }
        return try body(bytes)
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
}

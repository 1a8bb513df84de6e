// Element names and namespace URIs read as bytes, without creating Strings: for readers that
// look at every child of every item (feeds) and only need to know which one it is.

internal import CLibXML2

extension MarkupNode {
    /// Whether the local name is exactly `name` (UTF-8 bytes compared; no String made).
    public func hasLocalName(_ name: StaticString) -> Bool {
        guard let raw = pointer.pointee.name else { return name.utf8CodeUnitCount == 0 }
        return MarkupNode.equal(raw, name.utf8Start, count: name.utf8CodeUnitCount)
    }

    /// Whether the namespace URI is exactly `uri`; false for a node in no namespace.
    public func hasNamespaceURI(_ uri: StaticString) -> Bool {
        guard let href = pointer.pointee.ns?.pointee.href else { return false }
        return MarkupNode.equal(href, uri.utf8Start, count: uri.utf8CodeUnitCount)
    }

    /// Calls `body` with the local name's UTF-8 bytes (empty when the node has no name). The
    /// buffer is valid only during the call.
    public func withLocalNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let raw = pointer.pointee.name else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: raw, count: Int(xmlStrlen(raw))))
    }

    /// Calls `body` with the namespace URI's UTF-8 bytes, or nil when the node is in no
    /// namespace (as ``namespaceURI`` is nil). The buffer is valid only during the call.
    public func withNamespaceURIBytes<R>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let href = pointer.pointee.ns?.pointee.href else { return try body(nil) }
        return try body(UnsafeBufferPointer(start: href, count: Int(xmlStrlen(href))))
    }

    /// Whether the NUL-terminated `c` holds exactly the `count` bytes at `s`.
    private static func equal(_ c: UnsafePointer<xmlChar>, _ s: UnsafePointer<UInt8>, count: Int) -> Bool {
        for i in 0..<count where c[i] != s[i] { return false }  // a shorter `c` stops at its NUL
        return c[count] == 0
    }
}

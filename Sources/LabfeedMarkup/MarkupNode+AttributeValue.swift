// Attribute values read straight from libxml2's attribute list: for readers that ask a few
// attributes of many elements (feed links, enclosures, guids). Same answers as
// ``MarkupNode/attribute(_:namespace:)`` with no namespace, which asks libxml2 twice
// (`xmlGetNoNsProp`, then `xmlGetProp`), converts the name to a C string and copies the value.

internal import CLibXML2

extension MarkupNode {
    /// The value of the attribute `name`: the one in no namespace, else the first of that
    /// name in any namespace; nil when absent. Equal to `attribute(name)`, read in place as
    /// ``attributeInPlace(_:)`` reads it (without making a String of the name), else asked of
    /// ``attribute(_:namespace:)``.
    public func attributeValue(_ name: StaticString) -> String? {
        name.withUTF8Buffer { attributeInPlace(bytes: $0) } ?? attribute(name.description)
    }

    /// `attribute(name)` read in place, or nil when libxml2 must answer (the outer optional):
    /// for an element of a document whose DTDs (if any) declare no attribute, so libxml2's
    /// lookups can add no default value (an HTML page's implied DTD declares none), and a name
    /// without a NUL byte (libxml2 would read it cut there). The attribute is the first of that
    /// name in no namespace, else the first of that name; its value is its one text (or CDATA)
    /// node's content, as `xmlGetProp` copies it; any other value goes to libxml2. No C string
    /// is made from `name`, no value copied twice: every page reader asks this of many elements.
    func attributeInPlace(_ name: String) -> String?? {
        var name = name
        return name.withUTF8 { attributeInPlace(bytes: $0) }
    }

    /// Calls `body` with the bytes of the value of attribute `name` (the attribute
    /// ``attributeValue(_:)`` reads; nil when absent) and returns its result. The bytes are
    /// those libxml2 holds, in place (no String made): ``attributeValue(_:)``'s UTF-8 when they
    /// are valid UTF-8, and otherwise the bytes it was repaired from (each ill-formed sequence
    /// becomes U+FFFD; ASCII bytes are the same in both). A value libxml2 must answer (an
    /// attribute with entity nodes, a DTD that declares attributes) is that String's bytes.
    /// Valid only during the call.
    ///
    /// For a reader that tests a value on many elements and keeps few (the page reader's test
    /// of every link for a calendar).
    public func withAttributeBytes<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        switch name.withUTF8Buffer({ findInPlace(bytes: $0) }) {
        case .absent:
            return try body(nil)
        case .text(let content):
            return try body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        case .libxml2:
            guard var value = attribute(name.description) else { return try body(nil) }
            return try value.withUTF8 { try body($0) }
        }
    }

    /// ``attributeInPlace(_:)`` of a name's UTF-8 bytes.
    private func attributeInPlace(bytes wanted: UnsafeBufferPointer<UInt8>) -> String?? {
        switch findInPlace(bytes: wanted) {
        case .absent: return .some(nil)
        case .text(let content): return .some(String(cString: content))
        case .libxml2: return nil
        }
    }

    /// What ``attributeInPlace(_:)`` finds for a name.
    private enum InPlace {
        /// No such attribute (or not an element).
        case absent
        /// The value's one text (or CDATA) node's content.
        case text(UnsafePointer<xmlChar>)
        /// A value libxml2 must answer.
        case libxml2
    }

    /// The attribute of a name's UTF-8 bytes as ``attributeInPlace(_:)`` finds it.
    private func findInPlace(bytes wanted: UnsafeBufferPointer<UInt8>) -> InPlace {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return .absent }
        guard let doc = pointer.pointee.doc, Self.declaresNoAttribute(doc.pointee.intSubset),
              Self.declaresNoAttribute(doc.pointee.extSubset) else { return .libxml2 }
        guard !wanted.isEmpty, !wanted.contains(0) else { return .libxml2 }
        var inAnyNamespace: xmlAttrPtr?
        var attr = pointer.pointee.properties
        while let a = attr {
            if let raw = a.pointee.name, MarkupNode.same(raw, wanted) {
                if a.pointee.ns == nil {
                    inAnyNamespace = a
                    break
                }
                if inAnyNamespace == nil { inAnyNamespace = a }
            }
            attr = a.pointee.next
        }
        guard let found = inAnyNamespace else { return .absent }
        if let value = found.pointee.children, value.pointee.next == nil,
           value.pointee.type == XML_TEXT_NODE || value.pointee.type == XML_CDATA_SECTION_NODE,
           let content = value.pointee.content {
            return .text(content)
        }
        return .libxml2
    }

    /// Whether a DTD (or none) declares no attribute, so has no default value to give.
    private static func declaresNoAttribute(_ dtd: xmlDtdPtr?) -> Bool {
        guard let dtd else { return true }
        return dtd.pointee.attributes == nil
    }

    /// Whether the NUL-terminated `c` spells exactly the bytes `s` (which hold no NUL).
    private static func same(_ c: UnsafePointer<xmlChar>, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<s.count where c[i] != s[i] { return false }  // a shorter `c` stops at its NUL
        return c[s.count] == 0
    }
}

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

    /// ``attributeInPlace(_:)`` of a name's UTF-8 bytes.
    private func attributeInPlace(bytes wanted: UnsafeBufferPointer<UInt8>) -> String?? {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return .some(nil) }
        guard let doc = pointer.pointee.doc, Self.declaresNoAttribute(doc.pointee.intSubset),
              Self.declaresNoAttribute(doc.pointee.extSubset) else { return nil }
        guard !wanted.isEmpty, !wanted.contains(0) else { return nil }
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
        guard let found = inAnyNamespace else { return .some(nil) }
        if let value = found.pointee.children, value.pointee.next == nil,
           value.pointee.type == XML_TEXT_NODE || value.pointee.type == XML_CDATA_SECTION_NODE,
           let content = value.pointee.content {
            return .some(String(cString: content))
        }
        return nil
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

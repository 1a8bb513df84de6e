// Several attributes of an element read in one walk of its attribute list. Gives exactly what
// `attribute(_:)` gives for each name (the attribute with no namespace first, else the first of
// that name), without one libxml2 lookup and one copy per name: the prose tree reads a dozen
// names on every element of a page.

internal import CLibXML2

/// A fixed list of attribute names, prepared once (as UTF-8 bytes) and used on many elements.
public struct AttributeQuery: Sendable {
    let names: [[UInt8]]
    /// The first byte of each name (0 for an empty name), tested before the whole name: most
    /// attributes of a page are none of the query's and differ from each at the first byte.
    let firstBytes: [UInt8]
    /// For each byte value, the names (bit i for name i) that start with it: an attribute is
    /// compared only with those (none for most attributes), where the walk tested each name's
    /// first byte in turn. Empty for a query of more than 64 names, which takes that walk.
    let namesByFirstByte: [UInt64]

    /// The names as libxml2 stores them (HTML attribute names are lower case).
    public init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        firstBytes = self.names.map { $0.first ?? 0 }
        var table: [UInt64] = []
        if self.names.count <= 64 {
            table = Array(repeating: 0, count: 256)
            for (i, first) in firstBytes.enumerated() { table[Int(first)] |= 1 << UInt64(i) }
        }
        namesByFirstByte = table
    }

    /// How many names the query holds.
    public var count: Int { names.count }
}

extension MarkupNode {
    /// The values of the query's attributes, in the query's order: for each name, what
    /// `attribute(name)` returns (nil when absent).
    ///
    /// On HTML documents the attribute list is walked once. XML documents can default
    /// attributes from their DTD, which only libxml2's own lookup sees, so there each name is
    /// looked up as `attribute(_:)` does.
    public func attributes(_ query: AttributeQuery) -> [String?] {
        var values: [String?] = []
        attributes(query, into: &values)
        return values
    }

    /// Whether ``attributes(_:into:)`` may find a value here: false for a node that is not an
    /// element, and for an element of an HTML document with no attribute written (the values
    /// are then all nil). A reader that asks the same query of every element of a page (the
    /// prose tree) skips the call, and the clearing of its array, for most of them.
    public var hasQueryableAttributes: Bool {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return false }
        return pointer.pointee.properties != nil || document.syntax != .html
    }

    /// ``attributes(_:into:)``, except that the value at `bytesSlot` is not made a String:
    /// `bytes` is called with its bytes (as libxml2 holds them, so possibly not valid UTF-8:
    /// `String(decoding:as:)` of them is the value ``attributes(_:into:)`` gives) when the
    /// element has that attribute, and the slot is left nil. A reader that only splits a value
    /// (the prose tree's `class`: 23,000 values on the 200 corpus pages) makes no String of it.
    public func attributes(_ query: AttributeQuery, into values: inout [String?], bytesOf bytesSlot: Int,
                           _ bytes: (UnsafeBufferPointer<UInt8>) -> Void) {
        attributes(query, into: &values, bytesSlot: bytesSlot, bytes)
    }

    /// ``attributes(_:)`` written into `values`, which is emptied and refilled with one value
    /// per name of the query: a reader calling this on every element of a page reuses one
    /// array instead of making one per element.
    public func attributes(_ query: AttributeQuery, into values: inout [String?]) {
        attributes(query, into: &values, bytesSlot: -1, { _ in })
    }

    /// The values, the one at `bytesSlot` (-1: none) handed to `bytes` instead.
    @inline(__always)
    private func attributes(_ query: AttributeQuery, into values: inout [String?], bytesSlot: Int,
                            _ bytes: (UnsafeBufferPointer<UInt8>) -> Void) {
        // Cleared in place when the array already has the query's size (emptying it destroyed
        // each slot through the generic path: a tenth of copying a page's tree).
        // Through one buffer, slots already nil left alone: assigning each slot checked the
        // array's uniqueness and released the old value, eleven times per element.
        if values.count == query.names.count {
            values.withUnsafeMutableBufferPointer { slots in
                for i in slots.indices where slots[i] != nil { slots[i] = nil }
            }
        } else {
            values = [String?](repeating: nil, count: query.names.count)
        }
        guard isElement else { return }
        guard document.syntax == .html else {
            for (i, name) in query.names.enumerated() {
                values[i] = attribute(String(decoding: name, as: UTF8.self))
            }
            Self.handOver(&values, bytesSlot, bytes)
            return
        }
        // No attribute written (most elements of a page): nothing to walk.
        guard pointer.pointee.properties != nil else { return }
        if query.namesByFirstByte.isEmpty {
            attributesByNames(query, into: &values)
            Self.handOver(&values, bytesSlot, bytes)
            return
        }
        // The first attribute of each name with no namespace (slots 0..<n, bit i of `plain`
        // when found), else of any namespace (slots n..<2n, bit i of `other`), in stack memory:
        // this runs on every element of a page. Only the slots found are read.
        let n = query.names.count
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<xmlAttr>?.self, capacity: 2 * n) { found in
            var plain: UInt64 = 0
            var other: UInt64 = 0
            query.namesByFirstByte.withUnsafeBufferPointer { table in
                var attr = pointer.pointee.properties
                while let a = attr {
                    if let name = a.pointee.name {
                        var candidates = table[Int(name[0])] & ~plain
                        while candidates != 0 {
                            let i = candidates.trailingZeroBitCount
                            candidates &= candidates &- 1
                            guard Self.equal(name, query.names[i]) else { continue }
                            let bit: UInt64 = 1 << UInt64(i)
                            if a.pointee.ns == nil {
                                found[i] = a
                                plain |= bit
                            } else if other & bit == 0 {
                                found[n + i] = a
                                other |= bit
                            }
                        }
                    }
                    attr = a.pointee.next
                }
            }
            var all = plain | other
            guard all != 0 else { return }
            values.withUnsafeMutableBufferPointer { slots in
                while all != 0 {
                    let i = all.trailingZeroBitCount
                    all &= all &- 1
                    guard let a = plain & (1 << UInt64(i)) != 0 ? found[i] : found[n + i] else { continue }
                    if i == bytesSlot {
                        Self.withValueBytes(of: a, in: document, bytes)
                    } else {
                        slots[i] = Self.value(of: a, in: document)
                    }
                }
            }
        }
    }

    /// The value at `slot` (if any, and -1 for none) handed to `bytes` as its UTF-8 and the
    /// slot emptied: the paths that make every value a String.
    private static func handOver(_ values: inout [String?], _ slot: Int, _ bytes: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard slot >= 0, slot < values.count, var value = values[slot].take() else { return }
        value.withUTF8 { bytes($0) }
    }

    /// ``value(of:in:)``'s bytes, handed to `body`: a lone text child's content in place, else
    /// the String's UTF-8 (`String(decoding:as:)` of the bytes is the value in both cases).
    static func withValueBytes(of a: UnsafeMutablePointer<xmlAttr>, in document: MarkupDocument, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let child = a.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            guard let content = child.pointee.content else { return }
            return body(UnsafeBufferPointer(start: content, count: byteLength(content)))
        }
        guard var value = value(of: a, in: document) else { return }
        value.withUTF8 { body($0) }
    }

    /// The reference for ``attributes(_:into:)`` on an HTML element (and the walk for a query
    /// of more than 64 names): each attribute's first byte tested against each name's. `values`
    /// holds one nil per name.
    func attributesByNames(_ query: AttributeQuery, into values: inout [String?]) {
        let n = query.names.count
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<xmlAttr>?.self, capacity: 2 * n) { found in
            found.initialize(repeating: nil)
            var attr = pointer.pointee.properties
            while let a = attr {
                if let name = a.pointee.name {
                    let first = name[0]
                    for i in 0..<n where query.firstBytes[i] == first && found[i] == nil && Self.equal(name, query.names[i]) {
                        if a.pointee.ns == nil {
                            found[i] = a
                        } else if found[n + i] == nil {
                            found[n + i] = a
                        }
                    }
                }
                attr = a.pointee.next
            }
            values.withUnsafeMutableBufferPointer { slots in
                for i in 0..<n {
                    if let a = found[i] ?? found[n + i] { slots[i] = Self.value(of: a, in: document) }
                }
            }
        }
    }

    static func equal(_ c: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            if c[i] != bytes[i] { return false }
            i += 1
        }
        return c[i] == 0
    }

    /// The value as libxml2's `xmlGetProp` builds it: a lone text child's content as is,
    /// otherwise the children's text with entities substituted, and "" when there is none.
    static func value(of a: UnsafeMutablePointer<xmlAttr>, in document: MarkupDocument) -> String? {
        guard let child = a.pointee.children else { return "" }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            return child.pointee.content.map { String(cString: $0) }
        }
        guard let raw = xmlNodeListGetString(document.pointer, child, 1) else { return "" }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }
}

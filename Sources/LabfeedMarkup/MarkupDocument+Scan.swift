// Several element queries answered in one walk of the tree. Each test gives exactly the nodes,
// in document order, that its XPath (`ElementTest.xpath`) selects: a page's readers ask for
// `script[@type]`, `meta[@content]`, `*[@itemscope]`, `*[@typeof]`... and every such query was
// one walk of the whole page through libxml2's XPath engine (about as much CPU as the parse).

internal import CLibXML2

/// An element test applied to every element of a document by
/// ``MarkupDocument/elements(matching:)``.
public struct ElementTest: Sendable, Hashable {
    /// The element's local name (no namespace), or nil for any element.
    let name: [UInt8]?
    /// The attribute (no namespace) the element must carry, or nil.
    let attribute: [UInt8]?
    /// When not empty, the attribute's value must hold one of these byte strings.
    let needles: [[UInt8]]

    /// `/descendant::NAME[@ATTRIBUTE]`: elements of that name carrying that attribute.
    public static func named(_ name: String, with attribute: String) -> ElementTest {
        ElementTest(name: Array(name.utf8), attribute: Array(attribute.utf8), needles: [])
    }

    /// `/descendant::NAME`: elements of that name.
    public static func named(_ name: String) -> ElementTest {
        ElementTest(name: Array(name.utf8), attribute: nil, needles: [])
    }

    /// `/descendant::*[@ATTRIBUTE]`: any element carrying that attribute.
    public static func any(with attribute: String) -> ElementTest {
        ElementTest(name: nil, attribute: Array(attribute.utf8), needles: [])
    }

    /// `/descendant::*[contains(@A, 'x') or contains(@A, 'y')...]`: any element whose attribute
    /// holds one of `needles` (at least one, none empty).
    public static func any(where attribute: String, contains needles: [String]) -> ElementTest {
        precondition(!needles.isEmpty && !needles.contains(where: \.isEmpty), "needles must be non-empty strings")
        return ElementTest(name: nil, attribute: Array(attribute.utf8), needles: needles.map { Array($0.utf8) })
    }

    /// The XPath 1.0 expression this test answers (what XML documents evaluate).
    public var xpath: String {
        let step = name.map { String(decoding: $0, as: UTF8.self) } ?? "*"
        guard let attribute else { return "/descendant::\(step)" }
        let attr = String(decoding: attribute, as: UTF8.self)
        if needles.isEmpty { return "/descendant::\(step)[@\(attr)]" }
        let tests = needles.map { "contains(@\(attr), '\(String(decoding: $0, as: UTF8.self))')" }
        return "/descendant::\(step)[\(tests.joined(separator: " or "))]"
    }
}

extension MarkupDocument {
    /// For each test, the elements it matches in document order: what `select(test.xpath)`
    /// returns, from one walk of an HTML tree for all the tests (XML documents, whose
    /// namespaces and entities only libxml2's XPath reads right, evaluate each XPath).
    public func elements(matching tests: [ElementTest]) -> [[MarkupNode]] {
        guard syntax == .html else {
            return tests.map { (try? select($0.xpath)) ?? [] }
        }
        guard tests.count <= 64 else { return elementsTestByTest(matching: tests) }
        var found = [[MarkupNode]](repeating: [], count: tests.count)
        // Bit i of a mask is test i. The tests naming an element, by the first byte of that
        // name; the others (which apply to every element) by the first byte of the attribute
        // they ask for. An element is tried only against the named tests its own first byte
        // can pass (most of a page's elements are none of the named ones), its attributes read
        // once for all the others; the order in which one element's tests run changes no list.
        var named = [UInt64](repeating: 0, count: 256)
        var byAttribute = [UInt64](repeating: 0, count: 256)
        var unnamed: UInt64 = 0
        var bareUnnamed: UInt64 = 0  // unnamed tests without an attribute: every element
        for (index, test) in tests.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            if let name = test.name {
                named[Int(name.first ?? 0)] |= bit
            } else if let attribute = test.attribute {
                unnamed |= bit
                byAttribute[Int(attribute.first ?? 0)] |= bit
            } else {
                bareUnnamed |= bit
            }
        }
        // Pre-order over elements only (`nextInPreOrder`).
        var node: xmlNodePtr? = pointer.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                var passed = bareUnnamed
                // A named test needs the element in no namespace, with a name (`matches`).
                if current.pointee.ns == nil, let own = current.pointee.name {
                    var candidates = named[Int(own[0])]
                    while candidates != 0 {
                        let index = candidates.trailingZeroBitCount
                        candidates &= candidates &- 1
                        if matches(current, tests[index]) { passed |= 1 << UInt64(index) }
                    }
                }
                // An element with no attribute (two in three on a page) passes none of them:
                // not asked (the call cost about 80 instructions an element).
                if unnamed != 0, current.pointee.properties != nil {
                    passed |= passedUnnamed(current, tests, pending: unnamed, byAttribute: byAttribute)
                }
                while passed != 0 {
                    let index = passed.trailingZeroBitCount
                    passed &= passed &- 1
                    found[index].append(MarkupNode(current, in: self))
                }
            }
            node = Self.nextInPreOrder(after: current)
        }
        return found
    }

    /// Of the tests in `pending` (tests without a name, each asking for an attribute; bit i is
    /// test i), those `element` passes, from one walk of its attributes: each test decided by
    /// the first attribute of its name with no namespace (what `@a` selects), as ``matches``
    /// decides it.
    private func passedUnnamed(_ element: xmlNodePtr, _ tests: [ElementTest], pending all: UInt64, byAttribute: [UInt64]) -> UInt64 {
        var pending = all
        var passed: UInt64 = 0
        var attr = element.pointee.properties
        while let a = attr, pending != 0 {
            if a.pointee.ns == nil, let name = a.pointee.name {
                var candidates = byAttribute[Int(name[0])] & pending
                while candidates != 0 {
                    let index = candidates.trailingZeroBitCount
                    candidates &= candidates &- 1
                    guard let wanted = tests[index].attribute, MarkupNode.equal(name, wanted) else { continue }
                    let bit: UInt64 = 1 << UInt64(index)
                    pending &= ~bit
                    if tests[index].needles.isEmpty || Self.value(of: a, holdsOneOf: tests[index].needles, in: self) { passed |= bit }
                }
            }
            attr = a.pointee.next
        }
        return passed
    }

    /// ``elements(matching:)`` on an HTML tree with each element tried against each test in
    /// turn (`matches`): the walk for more than 64 tests, and the reference of the masks above.
    func elementsTestByTest(matching tests: [ElementTest]) -> [[MarkupNode]] {
        var found = [[MarkupNode]](repeating: [], count: tests.count)
        // The tests naming an element, by the first byte of that name; the others apply to
        // every element. An element is tried only against the named tests its own first byte
        // can pass (most of a page's elements are none of the named ones), and the order in
        // which one element's tests run changes no list.
        var named = [[Int]](repeating: [], count: 256)
        var unnamed: [Int] = []
        for (index, test) in tests.enumerated() {
            if let name = test.name { named[Int(name.first ?? 0)].append(index) } else { unnamed.append(index) }
        }
        // Pre-order over elements only (`nextInPreOrder`).
        var node: xmlNodePtr? = pointer.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                // A named test needs the element in no namespace, with a name (`matches`).
                if current.pointee.ns == nil, let own = current.pointee.name {
                    for index in named[Int(own[0])] where matches(current, tests[index]) {
                        found[index].append(MarkupNode(current, in: self))
                    }
                }
                for index in unnamed where matches(current, tests[index]) {
                    found[index].append(MarkupNode(current, in: self))
                }
            }
            node = Self.nextInPreOrder(after: current)
        }
        return found
    }

    /// The node after `current` in a pre-order walk over elements only, as XPath's descendant
    /// axis meets them: an element's first child, else the next sibling, else the next sibling of
    /// the nearest element ancestor that has one (an HTML tree has no entity reference to
    /// enter, and a DTD node has no elements under it); nil at the end of the document.
    private static func nextInPreOrder(after current: xmlNodePtr) -> xmlNodePtr? {
        if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children { return child }
        var up: xmlNodePtr? = current
        while let at = up {
            if let next = at.pointee.next { return next }
            up = at.pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
        }
        return nil
    }

    /// Whether an element passes a test: its name (no namespace), then its first attribute
    /// of the test's name with no namespace (what `@a` selects), then the attribute's value.
    private func matches(_ element: xmlNodePtr, _ test: ElementTest) -> Bool {
        if let name = test.name {
            guard element.pointee.ns == nil, let own = element.pointee.name, MarkupNode.equal(own, name) else { return false }
        }
        guard let wanted = test.attribute else { return true }
        var attr = element.pointee.properties
        while let a = attr {
            if a.pointee.ns == nil, let name = a.pointee.name, MarkupNode.equal(name, wanted) {
                return test.needles.isEmpty || Self.value(of: a, holdsOneOf: test.needles, in: self)
            }
            attr = a.pointee.next
        }
        return false
    }

    /// Whether the attribute's value holds one of the byte strings (XPath's `contains`: bytes).
    private static func value(of a: UnsafeMutablePointer<xmlAttr>, holdsOneOf needles: [[UInt8]], in document: MarkupDocument) -> Bool {
        if let child = a.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            guard let content = child.pointee.content else { return false }
            let length = Int(xmlStrlen(content))
            return needles.contains { contains(UnsafeBufferPointer(start: content, count: length), $0) }
        }
        let value = Array((MarkupNode.value(of: a, in: document) ?? "").utf8)
        return value.withUnsafeBufferPointer { buffer in needles.contains { contains(buffer, $0) } }
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

// XPath 1.0 over a MarkupDocument, through libxml2's own engine.

internal import CLibXML2

/// The value of an XPath expression: a node set or one of XPath's scalar types.
public enum XPathValue {
    case nodes([MarkupNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The XPath string-value: the first node's text for a node set, XPath's rules otherwise.
    public var stringValue: String {
        switch self {
        case .nodes(let nodes): nodes.first?.text ?? ""
        case .string(let s): s
        case .number(let n): n.isNaN ? "NaN" : (n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))
        case .boolean(let b): b ? "true" : "false"
        }
    }
}

/// Namespace prefixes that queries can use on any document.
public enum XMLNamespaces {
    public static let common: [String: String] = [
        "atom": "http://www.w3.org/2005/Atom",
        "atom03": "http://purl.org/atom/ns#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rss1": "http://purl.org/rss/1.0/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "media": "http://search.yahoo.com/mrss/",
        "ev": "http://purl.org/rss/1.0/modules/event/",
        "xcal": "urn:ietf:params:xml:ns:xcal",
        "xhtml": "http://www.w3.org/1999/xhtml",
    ]
}

extension MarkupDocument {
    /// Evaluates an XPath 1.0 expression.
    /// - Parameters:
    ///   - expression: the XPath; prefixes must be bound in `namespaces`.
    ///   - namespaces: prefix → URI bindings (``XMLNamespaces/common`` is always available).
    ///   - node: the context node for relative paths; the document when nil.
    /// - Throws: ``MarkupError`` naming the expression when it does not compile or evaluate.
    public func evaluate(_ expression: String, namespaces: [String: String] = [:], at node: MarkupNode? = nil) throws(MarkupError) -> XPathValue {
        guard let context = xmlXPathNewContext(pointer) else {
            throw .xpathFailed(expression, "out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = { _, _ in }  // errors are read from lastError, not printed
        for (prefix, uri) in XMLNamespaces.common.merging(namespaces, uniquingKeysWith: { _, new in new }) {
            xmlXPathRegisterNs(context, prefix, uri)
        }
        if let node { context.pointee.node = node.pointer }
        guard let result = xmlXPathEvalExpression(expression, context) else {
            let why = context.pointee.lastError.message.map { String(cString: $0) } ?? "syntax error"
            throw .invalidXPath(expression, why.trimmingNewlines)
        }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            let set = result.pointee.nodesetval
            let count = cxml_nodeset_count(set)
            var nodes: [MarkupNode] = []
            nodes.reserveCapacity(Int(count))
            for i in 0..<count {
                if let n = cxml_nodeset_item(set, i) { nodes.append(MarkupNode(n, in: self)) }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            throw .xpathFailed(expression, "unsupported result type")
        }
    }

    /// The nodes an XPath selects (empty when it yields a scalar).
    public func select(_ expression: String, namespaces: [String: String] = [:], at node: MarkupNode? = nil) throws(MarkupError) -> [MarkupNode] {
        if case .nodes(let nodes) = try evaluate(expression, namespaces: namespaces, at: node) { return nodes }
        return []
    }

    /// The string-value of an XPath (the first node's text for a node set).
    public func string(_ expression: String, namespaces: [String: String] = [:], at node: MarkupNode? = nil) throws(MarkupError) -> String {
        try evaluate(expression, namespaces: namespaces, at: node).stringValue
    }
}

extension MarkupNode {
    /// The nodes an XPath selects with this node as context.
    public func select(_ expression: String, namespaces: [String: String] = [:]) throws(MarkupError) -> [MarkupNode] {
        try document.select(expression, namespaces: namespaces, at: self)
    }
}

/// Compile-time checks of XPath expressions, for validating configuration.
public enum XPath {
    /// Returns nil when `expression` compiles, else libxml2's reason.
    /// Prefixes are not checked here (they are bound at evaluation).
    public static func problem(in expression: String) -> String? {
        guard let context = xmlXPathNewContext(nil) else { return "out of memory" }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = { _, _ in }
        guard let compiled = xmlXPathCtxtCompile(context, expression) else {
            return (context.pointee.lastError.message.map { String(cString: $0) } ?? "syntax error").trimmingNewlines
        }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }
}

extension String {
    var trimmingNewlines: String {
        var s = self
        while let last = s.last, last == "\n" || last == " " { s.removeLast() }
        return s
    }
}

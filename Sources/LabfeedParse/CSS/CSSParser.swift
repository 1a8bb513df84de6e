// A recursive-descent reader of the CSS selector subset that CSSSelector compiles.
// Every error carries the 1-based column where reading stopped.

struct CSSParser {
    let source: String
    let chars: [Character]
    var i = 0

    init(_ source: String) {
        self.source = source
        self.chars = Array(source)
    }

    private func fail(_ message: String, at position: Int? = nil) -> CSSSelectorError {
        CSSSelectorError(selector: source, column: (position ?? i) + 1, message: message)
    }

    private var current: Character? { i < chars.count ? chars[i] : nil }
    private func isSpace(_ c: Character?) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
    private mutating func skipSpaces() { while isSpace(current) { i += 1 } }

    /// `a, b > c`: one or more complex selectors.
    mutating func parseList() throws(CSSSelectorError) -> [CSSComplex] {
        skipSpaces()
        guard current != nil else { throw fail("empty selector") }
        var list: [CSSComplex] = []
        while true {
            list.append(try parseComplex())
            skipSpaces()
            guard let c = current else { return list }
            guard c == "," else { throw fail("unexpected \(quoted(c))") }
            i += 1
            skipSpaces()
            if current == nil { throw fail("a selector is missing after “,”") }
        }
    }

    private mutating func parseComplex() throws(CSSSelectorError) -> CSSComplex {
        var complex = CSSComplex(first: try parseCompound())
        while true {
            let hadSpace = isSpace(current)
            skipSpaces()
            guard let c = current, c != "," else { return complex }
            var combinator = CSSCombinator.descendant
            switch c {
            case ">": combinator = .child; i += 1
            case "+": combinator = .adjacent; i += 1
            case "~": combinator = .sibling; i += 1
            default:
                guard hadSpace else { throw fail("unexpected \(quoted(c))") }
            }
            skipSpaces()
            guard current != nil else { throw fail("a selector is missing after “\(c)”") }
            complex.rest.append((combinator, try parseCompound()))
        }
    }

    /// `div.event#x[data-id]:first-child`
    mutating func parseCompound() throws(CSSSelectorError) -> CSSCompound {
        var compound = CSSCompound()
        let start = i
        if current == "*" {
            i += 1
        } else if let c = current, isNameStart(c) {
            compound.type = try parseIdentifier(what: "an element name").lowercased()
            if current == "|" { throw fail("namespaces (`ns|type`) are not supported") }
        }
        loop: while let c = current {
            switch c {
            case ".":
                i += 1
                let name = try parseIdentifier(what: "a class name after “.”")
                compound.predicates.append("contains(concat(' ', normalize-space(@class), ' '), \(xpathLiteral(" \(name) ")))")
            case "#":
                i += 1
                let name = try parseIdentifier(what: "an id after “#”")
                compound.predicates.append("@id = \(xpathLiteral(name))")
            case "[":
                compound.predicates.append(try parseAttribute())
            case ":":
                compound.predicates.append(try parsePseudo(type: compound.type))
            default:
                break loop
            }
        }
        if i == start {
            if let c = current { throw fail("expected a selector, found \(quoted(c))") }
            throw fail("expected a selector")
        }
        return compound
    }

    private mutating func parseAttribute() throws(CSSSelectorError) -> String {
        let open = i
        i += 1
        skipSpaces()
        let name = try parseIdentifier(what: "an attribute name after “[”").lowercased()
        skipSpaces()
        guard let c = current else { throw fail("“]” is missing", at: open) }
        if c == "]" {
            i += 1
            return "@\(name)"
        }
        var op = ""
        if c == "=" {
            op = "="
            i += 1
        } else if "~|^$*".contains(c), i + 1 < chars.count, chars[i + 1] == "=" {
            op = String(c) + "="
            i += 2
        } else {
            throw fail("unexpected \(quoted(c)) in an attribute selector")
        }
        skipSpaces()
        let value: String
        if current == "\"" || current == "'" {
            value = try parseString()
        } else {
            value = try parseIdentifier(what: "a value after “\(op)”")
        }
        skipSpaces()
        if current == "i" || current == "s" {
            throw fail("case flags in attribute selectors are not supported")
        }
        guard current == "]" else { throw fail(current == nil ? "“]” is missing" : "expected “]”", at: current == nil ? open : nil) }
        i += 1
        let attr = "@\(name)", v = xpathLiteral(value)
        switch op {
        case "=": return "\(attr) = \(v)"
        case "~=": return "contains(concat(' ', normalize-space(\(attr)), ' '), \(xpathLiteral(" \(value) ")))"
        case "|=": return "\(attr) = \(v) or starts-with(\(attr), \(xpathLiteral(value + "-")))"
        case "^=": return value.isEmpty ? "false()" : "starts-with(\(attr), \(v))"
        case "$=": return value.isEmpty ? "false()" : "substring(\(attr), string-length(\(attr)) - \(value.count) + 1) = \(v)"
        default: return value.isEmpty ? "false()" : "contains(\(attr), \(v))"
        }
    }

    private mutating func parsePseudo(type: String) throws(CSSSelectorError) -> String {
        let colon = i
        i += 1
        if current == ":" { throw fail("pseudo-elements (`::`) select no element", at: colon) }
        let name = try parseIdentifier(what: "a pseudo-class name after “:”").lowercased()
        let ofType = type == "*" ? "*" : type
        func needsType() throws(CSSSelectorError) {
            if type == "*" { throw fail(":\(name) needs an element name before it", at: colon) }
        }
        switch name {
        case "first-child": return "not(preceding-sibling::*)"
        case "last-child": return "not(following-sibling::*)"
        case "only-child": return "not(preceding-sibling::*) and not(following-sibling::*)"
        case "first-of-type": try needsType(); return "not(preceding-sibling::\(ofType))"
        case "last-of-type": try needsType(); return "not(following-sibling::\(ofType))"
        case "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type":
            if name.hasSuffix("of-type") { try needsType() }
            guard current == "(" else { throw fail(":\(name) needs an argument, as in :\(name)(2)") }
            i += 1
            skipSpaces()
            let argStart = i
            while let c = current, c != ")" { i += 1 }
            guard current == ")" else { throw fail("“)” is missing", at: argStart - 1) }
            let argument = String(chars[argStart..<i]).filter { !$0.isWhitespace }.lowercased()
            i += 1
            guard let (a, b) = Self.anPlusB(argument) else {
                throw fail("invalid argument “\(argument)”: expected a number, odd, even or an+b", at: argStart)
            }
            let axis = name.contains("last") ? "following-sibling" : "preceding-sibling"
            let position = "(count(\(axis)::\(name.hasSuffix("of-type") ? ofType : "*")) + 1)"
            if a == 0 { return "\(position) = \(b)" }
            return "(\(position) - \(b)) mod \(a) = 0 and (\(position) - \(b)) div \(a) >= 0"
        case "not":
            guard current == "(" else { throw fail(":not needs an argument, as in :not(.past)") }
            i += 1
            skipSpaces()
            let inner = try parseCompound()
            skipSpaces()
            guard current == ")" else { throw fail(current == nil ? "“)” is missing" : "only one simple selector is allowed in :not()") }
            i += 1
            return "not(self::\(inner.step))"
        default:
            throw fail("unsupported pseudo-class :\(name)", at: colon)
        }
    }

    /// `3`, `odd`, `even`, `2n+1`, `-n+3`, `n`.
    static func anPlusB(_ s: String) -> (Int, Int)? {
        switch s {
        case "odd": return (2, 1)
        case "even": return (2, 0)
        default: break
        }
        if let b = Int(s) { return (0, b) }
        guard let n = s.firstIndex(of: "n") else { return nil }
        let aText = String(s[..<n])
        let a: Int
        switch aText {
        case "", "+": a = 1
        case "-": a = -1
        default:
            guard let v = Int(aText) else { return nil }
            a = v
        }
        let bText = String(s[s.index(after: n)...])
        if bText.isEmpty { return (a, 0) }
        guard bText.first == "+" || bText.first == "-", let b = Int(bText.first == "+" ? String(bText.dropFirst()) : bText) else { return nil }
        return (a, b)
    }

    private func isNameStart(_ c: Character) -> Bool {
        c.isLetter || c == "_" || c == "-" || c == "\\" || !c.isASCII
    }

    private func isNameChar(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || !c.isASCII
    }

    /// A CSS identifier; `\` escapes the next character (`.md\:flex`).
    private mutating func parseIdentifier(what: String) throws(CSSSelectorError) -> String {
        var out = ""
        while let c = current {
            if c == "\\" {
                guard i + 1 < chars.count else { throw fail("a character must follow “\\”") }
                out.append(chars[i + 1])
                i += 2
            } else if isNameChar(c) {
                out.append(c)
                i += 1
            } else {
                break
            }
        }
        guard !out.isEmpty else {
            if let c = current { throw fail("expected \(what), found \(quoted(c))") }
            throw fail("expected \(what)")
        }
        return out
    }

    private mutating func parseString() throws(CSSSelectorError) -> String {
        let quote = current!
        let open = i
        i += 1
        var out = ""
        while let c = current, c != quote {
            if c == "\\", i + 1 < chars.count {
                out.append(chars[i + 1])
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        guard current == quote else { throw fail("unterminated string", at: open) }
        i += 1
        return out
    }

    private func quoted(_ c: Character) -> String { "“\(c)”" }
}

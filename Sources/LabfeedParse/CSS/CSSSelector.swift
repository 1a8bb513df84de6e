// CSS selectors compiled to XPath 1.0, for the `extract:` selectors of feeds.yml.
// Supported: type and `*`, `.class`, `#id`, `[attr]`, `[attr=v]` (and `~= |= ^= $= *=`),
// descendant, `>`, `+` and `~` combinators, `:first-child`, `:last-child`, `:only-child`,
// `:nth-child(an+b)`, `:nth-last-child`, `:first-of-type`, `:last-of-type`, `:nth-of-type`,
// `:not(compound)`, and grouping with `,`. Anything else is an error with its column.

/// Why a CSS selector could not be compiled, and where (1-based column in the selector).
public struct CSSSelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public let selector: String
    /// 1-based column (in characters) of the fault.
    public let column: Int
    public let message: String

    public init(selector: String, column: Int, message: String) {
        self.selector = selector
        self.column = column
        self.message = message
    }

    /// `column 5: expected a class name after "."`
    public var description: String { "column \(column): \(message)" }
}

/// Compiles CSS selectors to XPath 1.0 expressions that libxml2 evaluates.
public enum CSSSelector {
    /// The XPath of `css`: absolute (`//div[...]`), or relative to a context node
    /// (`.//div[...]`) when `relative` is set (field selectors inside an item).
    public static func xpath(for css: String, relative: Bool = false) throws(CSSSelectorError) -> String {
        var parser = CSSParser(css)
        let groups = try parser.parseList()
        return groups.map { $0.xpath(relative: relative) }.joined(separator: " | ")
    }
}

// MARK: - Syntax tree

struct CSSCompound {
    var type: String = "*"
    var predicates: [String] = []

    /// The node test with its predicates.
    var step: String { type + predicates.map { "[\($0)]" }.joined() }
}

enum CSSCombinator { case descendant, child, adjacent, sibling }

struct CSSComplex {
    var first: CSSCompound
    var rest: [(CSSCombinator, CSSCompound)] = []

    func xpath(relative: Bool) -> String {
        var out = (relative ? ".//" : "//") + first.step
        for (combinator, compound) in rest {
            switch combinator {
            case .descendant: out += "//" + compound.step
            case .child: out += "/" + compound.step
            case .sibling: out += "/following-sibling::" + compound.step
            case .adjacent:
                out += "/following-sibling::*[1]"
                if compound.type != "*" { out += "[self::\(compound.type)]" }
                out += compound.predicates.map { "[\($0)]" }.joined()
            }
        }
        return out
    }
}

/// XPath string literal for any text (concat() when it holds both kinds of quote).
func xpathLiteral(_ s: String) -> String {
    if !s.contains("'") { return "'\(s)'" }
    if !s.contains("\"") { return "\"\(s)\"" }
    let parts = s.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
    return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
}

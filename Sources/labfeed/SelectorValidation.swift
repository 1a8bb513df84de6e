// How `labfeed check` compiles the selectors of `extract:` blocks.

import LabfeedCore
import LabfeedMarkup

enum SelectorValidation {
    /// nil when the selector compiles; else the reason.
    @Sendable static func check(_ selector: Selector) -> String? {
        switch selector.syntax {
        case .xpath:
            return XPath.problem(in: selector.expression)
        case .css:
            // CSS selectors are compiled to XPath by LabfeedParse (issue 5); until then only
            // obviously broken ones are caught here.
            let s = selector.expression
            var depth = 0
            for ch in s {
                if ch == "[" || ch == "(" { depth += 1 }
                if ch == "]" || ch == ")" { depth -= 1 }
                if depth < 0 { return "unbalanced brackets" }
            }
            return depth == 0 ? nil : "unbalanced brackets"
        }
    }
}

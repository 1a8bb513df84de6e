// How `labfeed check` compiles the selectors of `extract:` blocks: XPath with libxml2, CSS
// through LabfeedParse's CSS-to-XPath compiler.

import LabfeedCore
import LabfeedParse

enum SelectorValidation {
    /// nil when the selector compiles; else the reason.
    @Sendable static func check(_ selector: Selector) -> String? {
        SelectorCheck.problem(selector)
    }
}

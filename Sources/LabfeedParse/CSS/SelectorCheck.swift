// Compile-time checks of feeds.yml selectors, for `labfeed check`.

public import LabfeedCore
import LabfeedMarkup

/// Whether a selector of an `extract:` block compiles.
public enum SelectorCheck {
    /// nil when `selector` compiles; else the reason, with the column for CSS
    /// (`column 5: expected a class name after “.”`) or libxml2's reason for XPath.
    @Sendable public static func problem(_ selector: Selector) -> String? {
        switch selector.syntax {
        case .xpath:
            return XPath.problem(in: selector.expression)
        case .css:
            do {
                let xpath = try CSSSelector.xpath(for: selector.expression)
                // The compiler's own output must compile; a failure here is a bug, reported plainly.
                if let why = XPath.problem(in: xpath) { return "compiled to invalid XPath \(xpath): \(why)" }
                return nil
            } catch {
                return error.description
            }
        }
    }
}

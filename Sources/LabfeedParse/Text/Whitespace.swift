// Whitespace normalisation for text read from feeds and pages. Pure functions, no Foundation.

/// Tidies the white space of text that came out of markup.
public enum Whitespace {
    /// Whether `c` counts as white space here: ASCII spaces and controls, no-break spaces,
    /// the Unicode space separators, line and paragraph separators.
    public static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// One line: every run of white space becomes one space, none at either end.
    /// No-break spaces count as spaces here (titles, names).
    public static func collapse(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in text.unicodeScalars {
            if isSpace(c) || c.value < 0x20 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        return String(out)
    }

    /// Several lines: each line collapsed, empty lines dropped, lines joined with `\n`.
    public static func collapseLines(_ text: some StringProtocol) -> String {
        var lines: [String] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            let collapsed = collapse(line)
            if !collapsed.isEmpty { lines.append(collapsed) }
        }
        return lines.joined(separator: "\n")
    }

    /// The text collapsed, or nil when nothing but white space is left.
    public static func nonEmpty(_ text: (some StringProtocol)?) -> String? {
        guard let text else { return nil }
        let collapsed = collapse(text)
        return collapsed.isEmpty ? nil : collapsed
    }
}

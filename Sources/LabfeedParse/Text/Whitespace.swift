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
        lines(of: text, paragraphs: false)
    }

    /// Several lines in paragraphs: each line collapsed; a run of two or more empty lines (what
    /// the plain text of two blocks leaves between them) becomes one empty line, a single empty
    /// line is dropped.
    public static func collapseParagraphs(_ text: some StringProtocol) -> String {
        lines(of: text, paragraphs: true)
    }

    private static func lines(of text: some StringProtocol, paragraphs: Bool) -> String {
        var lines: [String] = []
        var empty = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: isLineBreak) {
            let collapsed = collapse(line)
            if collapsed.isEmpty {
                empty += 1
                continue
            }
            if paragraphs && empty >= 2 && !lines.isEmpty { lines.append("") }
            lines.append(collapsed)
            empty = 0
        }
        return lines.joined(separator: "\n")
    }

    private static func isLineBreak(_ c: Character) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
    }

    /// The text without white space at either end; white space inside is kept as written.
    public static func trim(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text collapsed, or nil when nothing but white space is left.
    public static func nonEmpty(_ text: (some StringProtocol)?) -> String? {
        guard let text else { return nil }
        let collapsed = collapse(text)
        return collapsed.isEmpty ? nil : collapsed
    }
}

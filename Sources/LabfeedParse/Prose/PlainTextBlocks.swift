// Plain text (and light Markdown) into blocks: paragraphs are split on blank lines; bullet
// lines are list items; "# Title" and a short line without final punctuation that stands alone
// before a paragraph are headings; "[text](url)" is its text (the URL kept as the block's link
// unless it is "#"), "**bold**" its text (a lead-in when it opens the block).

import Foundation

enum PlainTextBlocks {
    static func blocks(_ input: String) -> [ProseBlock] {
        let text = input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var paragraphs: [(lines: [Substring], line: Int)] = []
        var current: [Substring] = []
        var startLine = 1
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append((current, startLine)) }
                current = []
            } else {
                if current.isEmpty { startLine = n + 1 }
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append((current, startLine)) }

        var out: [ProseBlock] = []
        for (p, paragraph) in paragraphs.enumerated() {
            var prose: [Substring] = []
            var proseLine = paragraph.line
            func flushProse() {
                guard !prose.isEmpty else { return }
                let raw = prose.map { String($0) }.joined(separator: "\n")
                out.append(make(raw, kind: .paragraph, line: proseLine))
                prose = []
            }
            for (k, line) in paragraph.lines.enumerated() {
                let trimmed = line.drop(while: { $0.isWhitespace })
                if let level = markdownHeading(trimmed) {
                    flushProse()
                    out.append(make(String(trimmed.drop(while: { $0 == "#" })), kind: .heading(level), line: paragraph.line + k))
                } else if let item = bulletItem(trimmed) {
                    flushProse()
                    out.append(make(String(item), kind: .listItem, line: paragraph.line + k))
                } else {
                    if prose.isEmpty { proseLine = paragraph.line + k }
                    prose.append(trimmed)
                }
            }
            flushProse()
            // A lone short line before more text reads as a heading.
            if paragraph.lines.count == 1, p + 1 < paragraphs.count, let last = out.last, last.kind == .paragraph,
               isHeadingLike(last.text) {
                out[out.count - 1].kind = .heading(out.contains(where: \.isHeading) ? 2 : 1)
            }
        }
        return out
    }

    private static func isHeadingLike(_ text: String) -> Bool {
        guard text.count <= 160, !text.contains("\n"), let last = text.last else { return false }
        return !".,;:".contains(last)
    }

    private static func markdownHeading(_ line: Substring) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// The text after a bullet ("• ", "- ", "* ", "– ", "1. ", "2) "), or nil.
    private static func bulletItem(_ line: Substring) -> Substring? {
        guard let first = line.first else { return nil }
        if "•·◦▪‣-*–—".contains(first), line.dropFirst().first == " " {
            return line.dropFirst(2).drop(while: { $0.isWhitespace })
        }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 2 {
            let rest = line.dropFirst(digits.count)
            if let p = rest.first, p == "." || p == ")", rest.dropFirst().first == " " {
                return rest.dropFirst(2).drop(while: { $0.isWhitespace })
            }
        }
        return nil
    }

    /// One block from raw text: Markdown links and emphasis read as text.
    private static func make(_ raw: String, kind: ProseBlock.Kind, line: Int) -> ProseBlock {
        var text = ""
        var link: String?
        var linkText: String?
        var leadIn: String?
        var i = raw.startIndex
        while i < raw.endIndex {
            let c = raw[i]
            if c == "[", let close = raw[i...].firstIndex(of: "]"), raw.index(after: close) < raw.endIndex,
               raw[raw.index(after: close)] == "(", let end = raw[close...].firstIndex(of: ")"),
               !raw[raw.index(after: i)..<close].contains("\n") {
                let label = String(raw[raw.index(after: i)..<close])
                let url = String(raw[raw.index(close, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
                text += label
                if link == nil, !url.isEmpty, url != "#", label.count >= 3 {
                    link = url
                    linkText = label
                }
                i = raw.index(after: end)
                continue
            }
            if (c == "*" || c == "_"), raw[i...].hasPrefix(String(repeating: c, count: 2)) {
                let marker = String(repeating: c, count: 2)
                let inner = raw.index(i, offsetBy: 2)
                if let end = raw[inner...].range(of: marker) {
                    let bold = String(raw[inner..<end.lowerBound])
                    if text.allSatisfy(\.isWhitespace), leadIn == nil, bold.count >= 3 { leadIn = bold.collapsingSpaces() }
                    text += bold
                    i = end.upperBound
                    continue
                }
            }
            text.append(c)
            i = raw.index(after: i)
        }
        var block = ProseBlock(kind: kind, text: text.collapsingSpaces(keepLines: true), zone: .main, path: "line \(line)")
        block.link = link
        block.linkText = linkText
        block.leadIn = leadIn
        return block
    }
}

// Where a key Yams refused as duplicated is written the second time.
//
// Yams checks a mapping's keys for equal ones while it composes the tree, before labfeed's reader
// sees any node, and its error names the keys and one place: the first occurrence of the key that
// sorts first. A person looks for the line that repeats it, so the reader reports that line, found
// here from the first: in block style (the way feeds.yml is written) the next key of the same
// mapping starts a line at the first key's indentation, and the mapping ends at the first line
// indented less. Flow mappings (`{url: a, url: b}`) and keys that are not plain text are left to
// the caller, which then points at the first occurrence.

/// Finds the repeated key of a block mapping in the text of a YAML file.
enum DuplicateKeyScan {
    /// The line and column (1-based, as Yams counts) of the next occurrence of `key` in the block
    /// mapping whose key at `line`:`column` is its first occurrence; nil when that occurrence is
    /// not a block mapping key (flow style, a complex key) or no later line of the mapping repeats it.
    static func repeated(_ key: String, firstAt line: Int, column: Int, in lines: [Substring]) -> (line: Int, column: Int)? {
        guard line >= 1, line <= lines.count, column >= 1, !key.isEmpty else { return nil }
        let first = Array(trimmingReturn(lines[line - 1]).unicodeScalars)
        let indent = column - 1
        guard indent < first.count,
              // Before the key: only the indentation and the dashes of sequence items (`  - `).
              first[..<indent].allSatisfy({ $0 == " " || $0 == "-" }),
              startsWithKey(key, first[indent...]) else { return nil }
        for index in line..<lines.count {
            let text = Array(trimmingReturn(lines[index]).unicodeScalars)
            var spaces = 0
            while spaces < text.count, text[spaces] == " " { spaces += 1 }
            if spaces == text.count || text[spaces] == "#" { continue }  // blank or a comment
            if spaces == 0, isDocumentMarker(text) { return nil }
            if spaces < indent { return nil }  // the mapping has ended
            if spaces == indent, startsWithKey(key, text[spaces...]) { return (index + 1, indent + 1) }
        }
        return nil
    }

    /// Whether `text` starts with `key` written plain, in single or in double quotes, followed by
    /// the `:` of a mapping key (then a space, a tab or the end of the line).
    static func startsWithKey(_ key: String, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let name = Array(key.unicodeScalars)
        var rest = text[...]
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            guard rest.starts(with: name) else { return false }
            rest = rest.dropFirst(name.count)
            guard rest.first == quote else { return false }
            rest = rest.dropFirst()
        } else {
            guard rest.starts(with: name) else { return false }
            rest = rest.dropFirst(name.count)
        }
        while rest.first == " " { rest = rest.dropFirst() }
        guard rest.first == ":" else { return false }
        rest = rest.dropFirst()
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }

    private static func isDocumentMarker(_ text: [Unicode.Scalar]) -> Bool {
        let marker = text.prefix(3)
        guard marker.elementsEqual("---".unicodeScalars) || marker.elementsEqual("...".unicodeScalars) else { return false }
        return text.count == 3 || text[3] == " " || text[3] == "\t"
    }

    private static func trimmingReturn(_ line: Substring) -> Substring {
        line.last == "\r" ? line.dropLast() : line
    }
}

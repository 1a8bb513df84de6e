// Tag names of the prose tree as a small enum: the tags the prose rules and their tables name
// (block, container, formatting, left-out tags, and the few compared one by one), `other` for
// the rest. Read once per element from libxml2's name bytes when the tree is copied, so the block
// builder and the main-content finder compare integers, not Strings, and look a tag's traits up
// in an array. `HTMLTag.of` gives exactly the tag of `name.lowercased()`.

import LabfeedMarkup

/// A lower-cased HTML tag name the prose reader knows, or ``other``.
enum HTMLTag: UInt8, Sendable, CaseIterable {
    case other
    case a, abbr, address, article, aside, audio, b, big, blockquote, body, br, button
    case canvas, caption, center, code, dd, del, details, dialog, div, dl, dt, em
    case embed, fieldset, figcaption, figure, font, footer, form, h1, h2, h3, h4, h5
    case h6, head, header, hgroup, html, i, iframe, img, input, ins, legend, li
    case link, main, map, mark, math, menu, meta, nav, noscript, object, ol, option
    case p, picture, pre, q, s, script, section, select, small, source, span, strong
    case style, `sub`, summary, sup, svg, table, tbody, td, template, textarea, tfoot, th
    case thead, time, title, tr, tt, u, ul, video, wbr

    /// The lower-cased name ("" for ``other``: ``HTMLElement/tagName`` keeps the real one).
    var name: String { HTMLTag.names[Int(rawValue)] }

    private static let names: [String] = allCases.map { tag in
        tag == .other ? "" : String(describing: tag)
    }

    private static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }

    /// The tag of a name given as bytes, ASCII letters folded to lower case; nil when the name
    /// holds a non-ASCII byte (the caller then folds it as `String.lowercased()` does).
    static func ascii(_ bytes: UnsafeBufferPointer<UInt8>) -> HTMLTag? {
        let count = bytes.count
        guard count > 0 else { return .other }
        var key: UInt64 = 0
        for i in 0..<count {
            var b = bytes[i]
            if b >= 0x80 { return nil }
            if b &- 0x41 < 26 { b |= 0x20 }
            if i < 8 { key |= UInt64(b) << (8 * UInt64(i)) }
        }
        guard count <= 10 else { return .other }
        var slot = hash(key, count)
        while true {
            let entry = slots[slot]
            if entry == 0 { return .other }
            let candidate = nameBytes[Int(entry)]
            if candidate.count == count && keys[Int(entry)] == key && matches(candidate, bytes) {
                return HTMLTag(rawValue: entry)
            }
            slot = (slot + 1) & (tableSize - 1)
        }
    }

    /// The tag of an already lower-cased name.
    static func of(_ name: String) -> HTMLTag {
        var name = name
        return name.withUTF8 { ascii($0) } ?? .other
    }

    /// Whether the lower-case `candidate` equals `bytes` with ASCII letters folded (both the
    /// same length, ASCII only: checked by the caller).
    private static func matches(_ candidate: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 8..<max(8, candidate.count) {
            var b = bytes[i]
            if b &- 0x41 < 26 { b |= 0x20 }
            if candidate[i] != b { return false }
        }
        return true
    }

    private static let tableSize = 256

    private static func hash(_ key: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (tableSize - 1)
    }

    /// The first eight bytes of each name, packed as `ascii` packs them.
    private static let keys: [UInt64] = nameBytes.map { bytes in
        var key: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
        return key
    }

    /// Open addressing: raw value of the tag in each slot, 0 for none.
    private static let slots: [UInt8] = {
        var table = [UInt8](repeating: 0, count: tableSize)
        for tag in allCases where tag != .other {
            var slot = hash(keys[Int(tag.rawValue)], nameBytes[Int(tag.rawValue)].count)
            while table[slot] != 0 { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = tag.rawValue
        }
        return table
    }()
}

extension HTMLTag {
    /// The tag of an element and, for ``other``, its lower-cased name: what
    /// `node.name.lowercased()` gives, read from libxml2's bytes without a String for the
    /// tags the prose reader knows.
    static func read(_ node: MarkupNode) -> (HTMLTag, String?) {
        node.withLocalNameBytes { bytes in
            if let tag = ascii(bytes) {
                return tag == .other ? (tag, String(decoding: bytes, as: UTF8.self).lowercased()) : (tag, nil)
            }
            let lower = String(decoding: bytes, as: UTF8.self).lowercased()
            let tag = of(lower)
            return tag == .other ? (tag, lower) : (tag, nil)
        }
    }
}

extension String {
    /// `lowercased()`, without making a new string when there is nothing to lower: a name of
    /// ASCII bytes with no capital letter (most class names) is returned as it is, where
    /// `lowercased()` allocates a copy of any name longer than fifteen bytes.
    func asciiLowercasedIfNeeded() -> String {
        let plain = utf8.allSatisfy { $0 < 0x80 && ($0 &- 0x41) >= 26 }
        return plain ? self : lowercased()
    }

    /// `lowercased().hasPrefix(prefix)` for a lower-case ASCII `prefix`, without the lower-cased
    /// copy when the string's first `prefix.count + 1` bytes are ASCII (a link's scheme): ASCII
    /// lowers byte by byte, and a character boundary always follows an ASCII byte that is
    /// followed by another. Anything else (a non-ASCII byte there, which may lower to ASCII as
    /// U+212A does, or join the prefix's last character as a combining mark does) takes
    /// `lowercased().hasPrefix` itself.
    func hasLowercasedASCIIPrefix(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { needle in
            var matched = 0
            for byte in utf8 {
                guard byte < 0x80 else { return lowercased().hasPrefix(String(decoding: needle, as: UTF8.self)) }
                if matched == needle.count { return true }  // the byte after the prefix is ASCII
                let lower = (byte &- 0x41) < 26 ? byte | 0x20 : byte
                guard lower == needle[matched] else { return false }
                matched += 1
            }
            return matched == needle.count
        }
    }
}

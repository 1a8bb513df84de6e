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

    /// The tag of a name given as bytes, ASCII letters folded to lower case; nil when the name
    /// holds a non-ASCII byte (the caller then folds it as `String.lowercased()` does).
    static func ascii(_ bytes: UnsafeBufferPointer<UInt8>) -> HTMLTag? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return .other }
        var key: UInt64 = 0
        var tail: UInt16 = 0
        // Through the pointer with wrapping arithmetic (`i < count`): the indexed loop checked
        // each index and each increment, about half of this function's instructions.
        var i = 0
        while i < count {
            var b = base[i]
            if b >= 0x80 { return nil }
            if b &- 0x41 < 26 { b |= 0x20 }
            if i < 8 {
                key |= UInt64(b) &<< UInt64(8 &* i)
            } else if i < 10 {
                tail |= UInt16(b) &<< UInt16(8 &* (i &- 8))
            }
            i &+= 1
        }
        guard count <= 10 else { return .other }
        // One table of whole entries (the name's packed bytes and length beside its tag): the
        // former table of raw values sent each probe to two more arrays, one of them an array
        // of arrays retained at every read.
        return entries.withUnsafeBufferPointer { slots in
            var slot = hash(key, count)
            while true {
                let entry = slots[slot]
                if entry.tag == 0 { return .other }
                if entry.key == key && entry.tail == tail && Int(entry.count) == count { return HTMLTag(rawValue: entry.tag) }
                slot = (slot + 1) & (tableSize - 1)
            }
        }
    }

    /// The tag of an already lower-cased name.
    static func of(_ name: String) -> HTMLTag {
        var name = name
        return name.withUTF8 { ascii($0) } ?? .other
    }

    private static let tableSize = 256

    private static func hash(_ key: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (tableSize - 1)
    }

    /// A known name in the table: its first eight bytes and the two after them packed as
    /// `ascii` packs them (every name has at most ten), its length, its tag (0: empty slot).
    private struct Entry {
        var key: UInt64 = 0
        var tail: UInt16 = 0
        var count: UInt8 = 0
        var tag: UInt8 = 0
    }

    /// Open addressing on `hash`, every tag but ``other`` in it.
    private static let entries: [Entry] = {
        var table = [Entry](repeating: Entry(), count: tableSize)
        for tag in allCases where tag != .other {
            let bytes = Array(tag.name.utf8)
            precondition(bytes.count <= 10, "\(tag.name) is longer than ascii reads")
            var entry = Entry(count: UInt8(bytes.count), tag: tag.rawValue)
            for (i, b) in bytes.enumerated() {
                if i < 8 { entry.key |= UInt64(b) << (8 * UInt64(i)) } else { entry.tail |= UInt16(b) << (8 * UInt16(i - 8)) }
            }
            var slot = hash(entry.key, bytes.count)
            while table[slot].tag != 0 { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = entry
        }
        return table
    }()
}

extension HTMLTag {
    /// The tag of an element and, for ``other``, its lower-cased name: what
    /// `node.name.lowercased()` gives, read from libxml2's bytes without a String for the
    /// tags the prose reader knows.
    static func read(_ node: MarkupNode) -> (HTMLTag, String?) {
        node.withLocalNameBytes { read(name: $0) }
    }

    /// ``read(_:)`` of an element whose local name's bytes are `bytes`.
    static func read(name bytes: UnsafeBufferPointer<UInt8>) -> (HTMLTag, String?) {
        if let tag = ascii(bytes) {
            return tag == .other ? (tag, String(decoding: bytes, as: UTF8.self).lowercased()) : (tag, nil)
        }
        let lower = String(decoding: bytes, as: UTF8.self).lowercased()
        let tag = of(lower)
        return tag == .other ? (tag, lower) : (tag, nil)
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

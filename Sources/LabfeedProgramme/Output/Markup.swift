// Escaping for the XML and HTML outputs.

/// Escapes text for XML and HTML (content and quoted attributes), dropping the characters XML
/// 1.0 forbids (C0 controls except tab and newline, U+FFFE, U+FFFF).
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
        // Most text needs nothing: one pass over the UTF-8 bytes returns it as it is. Bytes that
        // may need work: & < > " ' and C0 controls, and 0xEF (U+FFFE and U+FFFF start with it).
        if text.utf8.allSatisfy({ $0 >= 0x20 ? !(Self.special[Int($0 &- 0x20)]) : ($0 == 0x09 || $0 == 0x0A) }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": continue
            default:
                let v = scalar.value
                if (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// For the bytes from 0x20 up: true where ``escape(_:)`` may have work.
    private static let special: [Bool] = (0x20...0xFF).map { b in
        b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0xEF
    }

    /// The URL when it is http(s) (safe in `href`), else nil: never a `javascript:` link.
    public static func safeHref(_ url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return url
    }
}

// One JSON string read from UTF-8 bytes, for labfeed's two hand-written JSON readers in front of
// JSONDecoder (LabfeedParse's FastJSON for JSON-LD, LabfeedProgramme's EventJSONReader for stored
// events). Contract: from just past the opening quote to the closing quote (consumed), escapes
// decoded and surrogate pairs joined; nil for anything JSON forbids or the caller would rather
// leave to JSONDecoder (a raw control character, an unknown escape, a lone surrogate, a
// truncated string, and `\u0000` unless allowed), so the caller falls back to its slow path.

/// Reads one JSON string's body from UTF-8 bytes (see the file's contract).
public enum JSONStringBytes {
    /// The string whose body starts at `index` (just past its opening quote); `index` ends just
    /// past the closing quote. Nil, with `index` anywhere, when the string is not one this reads.
    /// - Parameter allowingNUL: whether `\u0000` is read (FastJSON leaves it to JSONDecoder).
    @inlinable
    public static func read(_ b: UnsafeBufferPointer<UInt8>, from index: inout Int, allowingNUL: Bool) -> String? {
        let start = index
        // The common case: no escape, the bytes are the string's.
        while index < b.count {
            let c = b[index]
            if c == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { return nil }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<index]))
        while index < b.count {
            let c = b[index]
            index += 1
            if c == 0x22 { return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { return nil }
            guard c == 0x5C else { out.append(c); continue }
            guard index < b.count else { return nil }
            let e = b[index]
            index += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let unit = hex4(b, at: &index) else { return nil }
                var scalar = unit
                if (0xD800...0xDBFF).contains(unit) {
                    guard index + 1 < b.count, b[index] == 0x5C, b[index + 1] == 0x75 else { return nil }
                    index += 2
                    guard let low = hex4(b, at: &index), (0xDC00...0xDFFF).contains(low) else { return nil }
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) || (unit == 0 && !allowingNUL) {
                    return nil
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: UTF8.encode(u)!)
            default:
                return nil
            }
        }
        return nil
    }

    /// Four hexadecimal digits at `index` (consumed), or nil.
    @inlinable
    public static func hex4(_ b: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32? {
        guard index + 4 <= b.count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = b[index + k]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }
}

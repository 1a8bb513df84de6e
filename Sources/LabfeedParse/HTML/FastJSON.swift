// A strict JSON reader for JSON-LD blocks, in front of Foundation's JSONDecoder: it reads the
// JSON real pages ship (objects and arrays of strings, numbers, booleans and null) straight into
// a JSONTree, about ten times faster than JSONDecoder building the same tree through Decodable.
// Contract: when it returns a tree, JSONDecoder would have decoded the same JSONTree; whenever it
// is not sure (invalid JSON, a lone surrogate, \u0000, a number that does not fit a Double, a key
// written twice, nesting past ``FastJSON/maxDepth``, a top-level scalar) it returns nil and the
// caller asks JSONDecoder, whose answer and error messages stay the reference.

/// Reads strict JSON (RFC 8259) from UTF-8 bytes into a ``JSONTree``, or gives up with nil.
enum FastJSON {
    /// Deeper documents are left to JSONDecoder (which has its own bound); no recursion past it.
    static let maxDepth = 256

    /// The tree of `text`, or nil when JSONDecoder must decide.
    static func parse(_ text: String) -> JSONTree? {
        UTF8Bytes.with(text) { bytes in
            var reader = Reader(b: bytes)
            reader.skipSpace()
            guard reader.i < bytes.count, bytes[reader.i] == 0x7B || bytes[reader.i] == 0x5B,
                  let value = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.i == bytes.count ? value : nil
        }
    }

    /// The byte reader; ``FastJSON/schema(_:origin:line:)`` shares its strings, numbers and literals.
    struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < b.count {
                let c = b[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                i += 1
            }
        }

        mutating func value(depth: Int) -> JSONTree? {
            guard depth < FastJSON.maxDepth, i < b.count else { return nil }
            switch b[i] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22: return string().map(JSONTree.string)
            case 0x74: return literal("true") ? .bool(true) : nil
            case 0x66: return literal("false") ? .bool(false) : nil
            case 0x6E: return literal("null") ? .null : nil
            case 0x2D, 0x30...0x39: return number().map(JSONTree.number)
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= b.count else { return false }
            let start = word.utf8Start
            for k in 0..<count where b[i + k] != start[k] { return false }
            i += count
            return true
        }

        mutating func object(depth: Int) -> JSONTree? {
            i += 1
            var members: [String: JSONTree] = [:]
            skipSpace()
            if i < b.count, b[i] == 0x7D {
                i += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard i < b.count, b[i] == 0x22, let key = string() else { return nil }
                skipSpace()
                guard i < b.count, b[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                // A key written twice: which one JSONDecoder keeps is its business.
                guard members.updateValue(item, forKey: key) == nil else { return nil }
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x7D { i += 1; return .object(members) }
                return nil
            }
        }

        mutating func array(depth: Int) -> JSONTree? {
            i += 1
            var items: [JSONTree] = []
            skipSpace()
            if i < b.count, b[i] == 0x5D {
                i += 1
                return .array(items)
            }
            while true {
                skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x5D { i += 1; return .array(items) }
                return nil
            }
        }

        /// A string from its opening quote; escapes decoded, surrogate pairs joined.
        mutating func string() -> String? {
            i += 1
            let start = i
            // The common case: no escape, copied as it is.
            while i < b.count {
                let c = b[i]
                if c == 0x22 {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if c == 0x5C { break }
                if c < 0x20 { return nil }
                i += 1
            }
            var out = Array(UnsafeBufferPointer(rebasing: b[start..<min(i, b.count)]))
            while i < b.count {
                let c = b[i]
                if c == 0x22 {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c < 0x20 { return nil }
                guard c == 0x5C else {
                    out.append(c)
                    i += 1
                    continue
                }
                guard i + 1 < b.count else { return nil }
                let e = b[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard let unit = hex4() else { return nil }
                    var scalar: UInt32 = unit
                    if (0xD800...0xDBFF).contains(unit) {
                        guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(unit) || unit == 0 {
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

        mutating func hex4() -> UInt32? {
            guard i + 4 <= b.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = b[i + k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            i += 4
            return v
        }

        /// A number in JSON's grammar (`-`, no leading zeros, `.` and exponent with digits),
        /// read as Swift reads a Double (correctly rounded, as JSONDecoder does); nil when it
        /// does not fit.
        mutating func number() -> Double? {
            let start = i
            if b[i] == 0x2D { i += 1 }
            guard i < b.count else { return nil }
            if b[i] == 0x30 {
                i += 1
            } else if b[i] >= 0x31 && b[i] <= 0x39 {
                while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            } else {
                return nil
            }
            if i < b.count, b[i] == 0x2E {
                i += 1
                let digits = i
                while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                guard i > digits else { return nil }
            }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                let digits = i
                while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                guard i > digits else { return nil }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { return nil }
            // An underflow to zero ("1e-400"): JSONDecoder's say.
            if value == 0, text.utf8.prefix(while: { $0 != 0x65 && $0 != 0x45 }).contains(where: { $0 >= 0x31 && $0 <= 0x39 }) {
                return nil
            }
            return value
        }
    }
}

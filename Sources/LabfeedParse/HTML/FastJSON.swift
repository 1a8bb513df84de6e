// A strict JSON reader for JSON-LD blocks, in front of Foundation's JSONDecoder: it reads the
// JSON real pages ship (objects and arrays of strings, numbers, booleans and null) straight into
// a JSONTree, about ten times faster than JSONDecoder building the same tree through Decodable.
// Contract: when it returns a tree, JSONDecoder would have decoded the same JSONTree; whenever it
// is not sure (invalid JSON, a lone surrogate, \u0000, a number that does not fit a Double, a key
// written twice, nesting past ``FastJSON/maxDepth``, a top-level scalar) it returns nil and the
// caller asks JSONDecoder, whose answer and error messages stay the reference.

import LabfeedCore

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

        /// A string from its opening quote; escapes decoded, surrogate pairs joined; `\u0000`
        /// left to JSONDecoder.
        mutating func string() -> String? {
            i += 1
            return JSONStringBytes.read(b, from: &i, allowingNUL: false)
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

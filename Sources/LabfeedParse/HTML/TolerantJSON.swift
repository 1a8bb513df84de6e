// JSON as real sites ship it in <script type="application/ld+json">: repaired, then decoded.
// The repair only touches what is invalid (comments, trailing commas, raw control characters in
// strings, bad escapes, HTML comment and CDATA wrappers); valid JSON passes through unchanged.

import Foundation

/// A decoded JSON value, with numbers and truth values told apart.
enum JSONTree: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONTree].self) { self = .array(a); return }
        self = .object(try c.decode([String: JSONTree].self))
    }
}

enum TolerantJSON {
    /// The outcome: the value (nil when unreadable even after repair), what was repaired, and
    /// the decoder's complaint when it failed.
    struct Result {
        var value: JSONTree?
        var repairs: [String]
        var error: String?
    }

    static func parse(_ text: String) -> Result {
        let result = parse(text, fast: FastJSON.parse, convert: { $0 })
        return Result(value: result.value, repairs: result.repairs, error: result.error)
    }

    /// The same reading, the value built by `fast` (FastJSON straight into the caller's type)
    /// or, when it gives up, JSONDecoder's tree turned by `convert`.
    ///
    /// `fast` is tried on the text as written first: it reads only strict JSON, and strict JSON
    /// never needs repair (every fault ``needsRepair(_:)`` stops at is a byte strict JSON
    /// refuses), so ``repair(_:)`` would have given the text back unchanged, with no repair.
    /// The repair scan is made only when `fast` refuses (``parseRepairingFirst`` is the reference).
    static func parse<Value>(_ text: String, fast: (String) -> Value?, convert: (JSONTree) -> Value)
        -> (value: Value?, repairs: [String], error: String?) {
        if let value = fast(text) { return (value, [], nil) }
        return parseRepaired(text, fastRefusedText: true, fast: fast, convert: convert)
    }

    /// The reading as it was before the shortcut: repaired, then `fast`, then JSONDecoder.
    static func parseRepairingFirst<Value>(_ text: String, fast: (String) -> Value?, convert: (JSONTree) -> Value)
        -> (value: Value?, repairs: [String], error: String?) {
        parseRepaired(text, fastRefusedText: false, fast: fast, convert: convert)
    }

    /// Repairs `text` then reads it; `fast` is not asked again of a text it already refused
    /// (when the repair changed nothing).
    private static func parseRepaired<Value>(_ text: String, fastRefusedText: Bool, fast: (String) -> Value?,
                                             convert: (JSONTree) -> Value) -> (value: Value?, repairs: [String], error: String?) {
        let (repaired, repairs) = repair(text)
        // FastJSON reads what JSONDecoder would read the same way, and leaves it the rest.
        if !(fastRefusedText && repairs.isEmpty && repaired == text), let value = fast(repaired) { return (value, repairs, nil) }
        let decoder = JSONDecoder()
        do {
            return (convert(try decoder.decode(JSONTree.self, from: Data(repaired.utf8))), repairs, nil)
        } catch {
            // Several objects one after the other (`{...}{...}` or `{...},{...}`): read them as a list.
            let joined = "[" + joinConcatenated(repaired) + "]"
            if let list = fast(joined) ?? (try? decoder.decode(JSONTree.self, from: Data(joined.utf8))).map(convert) {
                return (list, repairs + ["several values one after the other read as a list"], nil)
            }
            return (nil, repairs, describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }

    /// Inserts a comma between `}` and `{` that follow each other outside strings.
    private static func joinConcatenated(_ s: String) -> String {
        var out: [UInt8] = []
        var inString = false, escaped = false, lastSignificant: UInt8 = 0
        for b in s.utf8 {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            } else if b == UInt8(ascii: "{") && lastSignificant == UInt8(ascii: "}") {
                out.append(UInt8(ascii: ","))
            }
            out.append(b)
            if !inString && b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { lastSignificant = b }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text with its faults repaired, and a word for each kind of repair made.
    ///
    /// Most blocks are valid JSON: a scan that writes nothing tells when ``repairAll(_:)`` would
    /// give the text back unchanged with no repair, and the text is then returned as it is
    /// (the full pass copied every byte and made a new String of them).
    static func repair(_ text: String) -> (String, [String]) {
        if !UTF8Bytes.with(text, needsRepair) { return (text, []) }
        return repairAll(text)
    }

    /// Whether ``repairAll(_:)`` would change anything: the same walk, stopping at the first
    /// byte it would not copy as it is (an escape it rewrites, a raw control character or a
    /// backslash ending the text inside a string; outside strings a comment, a wrapper, or a
    /// comma before a closing `}` or `]`). Until then its output equals the input read so far.
    static func needsRepair(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        func starts(_ p: StaticString, at k: Int) -> Bool {
            let count = p.utf8CodeUnitCount
            guard k + count <= s.count else { return false }
            for j in 0..<count where s[k + j] != p.utf8Start[j] { return false }
            return true
        }
        /// A comma, past white space, just before `k` (what `dropClosingComma` drops).
        func commaBefore(_ k: Int) -> Bool {
            var j = k - 1
            while j >= 0 && (s[j] == 0x20 || s[j] == 0x0A || s[j] == 0x0D || s[j] == 0x09) { j -= 1 }
            return j >= 0 && s[j] == UInt8(ascii: ",")
        }
        var inString = false
        var i = 0
        while i < s.count {
            let b = s[i]
            if inString {
                if b == 0x5C {
                    guard i + 1 < s.count else { return true }
                    switch s[i + 1] {
                    case UInt8(ascii: "\""), 0x5C, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "u"):
                        i += 2
                        continue
                    default:
                        return true
                    }
                }
                if b == 0x22 { inString = false } else if b < 0x20 { return true }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                inString = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if commaBefore(i) { return true }
                if b == UInt8(ascii: "]") && starts("]]>", at: i) { return true }
            case UInt8(ascii: "/"):
                if starts("//", at: i) || starts("/*", at: i) { return true }
            case UInt8(ascii: "<"):
                if starts("<!--", at: i) || starts("<![CDATA[", at: i) { return true }
            case UInt8(ascii: "-"):
                if starts("-->", at: i) { return true }
            default:
                break
            }
            i += 1
        }
        return false
    }

    /// The repair pass itself, copying every byte.
    static func repairAll(_ text: String) -> (String, [String]) {
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var repairs = Set<String>()
        var i = 0
        var inString = false
        let wrappers = ["<!--", "-->", "<![CDATA[", "]]>"]
        func starts(_ p: String, at k: Int) -> Bool {
            var j = k
            for u in p.utf8 {
                guard j < s.count, s[j] == u else { return false }
                j += 1
            }
            return true
        }
        /// Drops a comma that closes a list or object: `[1, 2,]`, `{"a": 1,}`.
        func dropClosingComma() {
            var k = out.count - 1
            while k >= 0 && (out[k] == 0x20 || out[k] == 0x0A || out[k] == 0x0D || out[k] == 0x09) { k -= 1 }
            if k >= 0 && out[k] == UInt8(ascii: ",") {
                out.remove(at: k)
                repairs.insert("trailing commas")
            }
        }
        while i < s.count {
            let b = s[i]
            if inString {
                if b == 0x5C {  // backslash
                    guard i + 1 < s.count else { out.append(0x5C); out.append(0x5C); i += 1; continue }
                    let n = s[i + 1]
                    switch n {
                    case UInt8(ascii: "\""), 0x5C, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "u"):
                        out.append(b); out.append(n)
                    case UInt8(ascii: "'"):
                        out.append(n); repairs.insert("invalid escape \\'")
                    default:
                        out.append(0x5C); out.append(0x5C); repairs.insert("invalid escape in a string")
                        i += 1
                        continue
                    }
                    i += 2
                    continue
                }
                if b == 0x22 { inString = false; out.append(b); i += 1; continue }
                if b < 0x20 {
                    switch b {
                    case 0x0A: out += Array("\\n".utf8)
                    case 0x0D: out += Array("\\r".utf8)
                    case 0x09: out += Array("\\t".utf8)
                    default: out += Array(String(format: "\\u%04x", Int(b)).utf8)
                    }
                    repairs.insert("raw control characters in strings")
                    i += 1
                    continue
                }
                out.append(b)
                i += 1
                continue
            }
            // Outside strings.
            if b == 0x22 { inString = true; out.append(b); i += 1; continue }
            // Only "/", "<", "-" and "]" can start a comment or a wrapper: any other byte is
            // copied at once (testing each wrapper at every byte was most of the repair's time).
            if b != UInt8(ascii: "/") && b != UInt8(ascii: "<") && b != UInt8(ascii: "-") && b != UInt8(ascii: "]") {
                if b == UInt8(ascii: "}") { dropClosingComma() }
                out.append(b)
                i += 1
                continue
            }
            if starts("//", at: i) {
                while i < s.count && s[i] != 0x0A { i += 1 }
                repairs.insert("comments")
                continue
            }
            if starts("/*", at: i) {
                i += 2
                while i < s.count && !starts("*/", at: i) { i += 1 }
                i = min(s.count, i + 2)
                repairs.insert("comments")
                continue
            }
            for wrapper in wrappers where starts(wrapper, at: i) {
                i += wrapper.utf8.count
                repairs.insert("HTML comment or CDATA wrapper")
            }
            guard i < s.count else { break }
            let c = s[i]
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { dropClosingComma() }
            if c == 0x22 || starts("//", at: i) || starts("/*", at: i) || wrappers.contains(where: { starts($0, at: i) }) {
                continue  // a string, comment or wrapper: handled at the top of the loop
            }
            out.append(c)
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), repairs.sorted())
    }
}

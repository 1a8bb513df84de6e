// Reads the expectation feedparser's test files carry in their opening comment
// (`Expect: not bozo and entries[0]['title'] == 'Example'`): a small subset of Python —
// `and`-joined clauses, each `bozo`, `not bozo`, or a chain of `==` between lookups such as
// `feed['title']` or `entries[0]['tags'][1]['term']` and a literal (a string with Python escapes,
// an integer, a tuple of integers, `[]`, `None`). Anything else is reported, never guessed.

import Foundation
import Testing

/// One feedparser test file: its description, HTTP headers it simulates, and its expectation.
struct FeedparserCase: Sendable, CustomTestStringConvertible {
    /// The path below Fixtures/conformance/feedparser (`rss/item_guid.xml`).
    var path: String
    var description: String
    /// `Header:` lines (`Content-Location` and the like) the feedparser test server would send.
    var headers: [String: String]
    var clauses: [FeedparserClause]
    var bytes: [UInt8]

    var testDescription: String { path }
}

/// One clause of an `Expect:` line.
enum FeedparserClause: Sendable, Equatable {
    /// `bozo` (`true`) or `not bozo` (`false`): whether the feed is flagged as malformed.
    case bozo(Bool)
    /// Every lookup equals the literal (`a == b == 'x'`).
    case equals([FeedparserPath], PythonLiteral)
}

/// A lookup such as `entries[0]['content'][0]['value']`: the root name and its subscripts.
struct FeedparserPath: Sendable, Equatable, CustomStringConvertible {
    enum Key: Sendable, Equatable { case index(Int), name(String) }
    var root: String
    var keys: [Key]

    var description: String {
        root + keys.map { key in
            switch key {
            case .index(let i): "[\(i)]"
            case .name(let n): "['\(n)']"
            }
        }.joined()
    }

    /// The subscript names only (`["content", "value"]`), for mapping.
    var names: [String] { keys.compactMap { if case .name(let n) = $0 { n } else { nil } } }
    /// The first integer subscript after `root` (the entry index for `entries[1][...]`).
    var firstIndex: Int? { if case .index(let i)? = keys.first { i } else { nil } }
}

/// A Python literal as feedparser's expectations write them.
enum PythonLiteral: Sendable, Equatable {
    case string(String)
    case int(Int)
    case tuple([Int])
    case emptyList
    case none
}

enum FeedparserExpectError: Error, CustomStringConvertible {
    case noExpectation(String)
    case syntax(String, String)

    var description: String {
        switch self {
        case .noExpectation(let path): "\(path): no Expect: line"
        case .syntax(let path, let why): "\(path): cannot read the expectation: \(why)"
        }
    }
}

enum FeedparserExpect {
    /// Reads the opening comment of a test file.
    static func load(path: String, bytes: [UInt8]) throws -> FeedparserCase {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<!--"), let close = text.range(of: "-->", range: open.upperBound..<text.endIndex) else {
            throw FeedparserExpectError.noExpectation(path)
        }
        var description = "", expect: String?, headers: [String: String] = [:]
        for line in text[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Description:") {
                description = String(trimmed.dropFirst("Description:".count)).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("Expect:") {
                expect = String(trimmed.dropFirst("Expect:".count)).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("Header:") {
                let header = trimmed.dropFirst("Header:".count)
                if let colon = header.firstIndex(of: ":") {
                    let name = header[..<colon].trimmingCharacters(in: .whitespaces)
                    headers[name] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        guard let expect else { throw FeedparserExpectError.noExpectation(path) }
        var parser = ExpressionParser(text: expect)
        do {
            let clauses = try parser.clauses()
            return FeedparserCase(path: path, description: description, headers: headers, clauses: clauses, bytes: bytes)
        } catch let error as ExpressionParser.Failure {
            throw FeedparserExpectError.syntax(path, error.why)
        }
    }
}

/// A recursive-descent reader over the characters of one expectation.
private struct ExpressionParser {
    struct Failure: Error { var why: String }

    let chars: [Character]
    var at = 0

    init(text: String) { chars = Array(text) }

    mutating func clauses() throws -> [FeedparserClause] {
        var result = [try clause()]
        while skipSpaces(), word("and") { result.append(try clause()) }
        skipSpaces()
        guard at == chars.count else { throw Failure(why: "unexpected text at column \(at + 1)") }
        return result
    }

    private mutating func clause() throws -> FeedparserClause {
        skipSpaces()
        if word("not") {
            skipSpaces()
            guard word("bozo") else { throw Failure(why: "only `not bozo` is understood after `not`") }
            return .bozo(false)
        }
        if word("bozo") { return .bozo(true) }
        var paths = [try path()]
        while true {
            skipSpaces()
            guard literalText("==") else { throw Failure(why: "expected == at column \(at + 1)") }
            skipSpaces()
            if let value = try literal() { return .equals(paths, value) }
            paths.append(try path())
        }
    }

    private mutating func path() throws -> FeedparserPath {
        let start = at
        while at < chars.count, chars[at].isLetter || chars[at].isNumber || chars[at] == "_" { at += 1 }
        guard at > start else { throw Failure(why: "expected a name at column \(at + 1)") }
        var result = FeedparserPath(root: String(chars[start..<at]), keys: [])
        while at < chars.count, chars[at] == "[" {
            at += 1
            if let value = try literal() {
                switch value {
                case .int(let i): result.keys.append(.index(i))
                case .string(let s): result.keys.append(.name(s))
                default: throw Failure(why: "unsupported subscript at column \(at + 1)")
                }
            } else {
                throw Failure(why: "expected a subscript at column \(at + 1)")
            }
            guard at < chars.count, chars[at] == "]" else { throw Failure(why: "expected ] at column \(at + 1)") }
            at += 1
        }
        return result
    }

    /// A literal at the cursor, or nil (cursor unmoved) when the next thing is a name.
    private mutating func literal() throws -> PythonLiteral? {
        guard at < chars.count else { throw Failure(why: "unexpected end") }
        let c = chars[at]
        if c == "u" || c == "b", at + 1 < chars.count, chars[at + 1] == "'" || chars[at + 1] == "\"" {
            at += 1
            return .string(try string())
        }
        if c == "'" || c == "\"" { return .string(try string()) }
        if c.isNumber || c == "-" { return .int(try integer()) }
        if c == "(" {
            at += 1
            var values: [Int] = []
            while true {
                skipSpaces()
                if at < chars.count, chars[at] == ")" { at += 1; return .tuple(values) }
                values.append(try integer())
                skipSpaces()
                if at < chars.count, chars[at] == "," { at += 1 }
            }
        }
        if literalText("[]") { return .emptyList }
        if word("None") { return PythonLiteral.none }
        return nil
    }

    private mutating func integer() throws -> Int {
        let start = at
        if at < chars.count, chars[at] == "-" { at += 1 }
        while at < chars.count, chars[at].isNumber { at += 1 }
        guard let value = Int(String(chars[start..<at])) else { throw Failure(why: "bad number at column \(start + 1)") }
        return value
    }

    private mutating func string() throws -> String {
        let quote = chars[at]
        at += 1
        var out = ""
        while at < chars.count {
            let c = chars[at]
            at += 1
            if c == quote { return out }
            guard c == "\\" else { out.append(c); continue }
            guard at < chars.count else { break }
            let e = chars[at]
            at += 1
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "x": out.unicodeScalars.append(try hex(2))
            case "u": out.unicodeScalars.append(try hex(4))
            case "U": out.unicodeScalars.append(try hex(8))
            default: out.append(e)
            }
        }
        throw Failure(why: "unterminated string")
    }

    private mutating func hex(_ count: Int) throws -> Unicode.Scalar {
        guard at + count <= chars.count, let value = UInt32(String(chars[at..<at + count]), radix: 16),
              let scalar = Unicode.Scalar(value) else { throw Failure(why: "bad escape at column \(at + 1)") }
        at += count
        return scalar
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        while at < chars.count, chars[at] == " " || chars[at] == "\t" { at += 1 }
        return true
    }

    private mutating func literalText(_ text: String) -> Bool {
        let t = Array(text)
        guard at + t.count <= chars.count, Array(chars[at..<at + t.count]) == t else { return false }
        at += t.count
        return true
    }

    /// A keyword followed by a non-name character.
    private mutating func word(_ text: String) -> Bool {
        let t = Array(text)
        guard at + t.count <= chars.count, Array(chars[at..<at + t.count]) == t else { return false }
        let next = at + t.count
        if next < chars.count, chars[next].isLetter || chars[next].isNumber || chars[next] == "_" || chars[next] == "[" { return false }
        at = next
        return true
    }
}

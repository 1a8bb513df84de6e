// Checks labfeed's answer for one feedparser test file against the file's own `Expect:` line.
//
// feedparser's names are mapped onto labfeed's fields (feed title/link/description/language/
// updated; entry id/title/link/published/updated/summary/content/authors/categories/enclosures/
// language). Equivalences, not differences, are applied where the two models simply write the
// same fact differently:
// - labfeed titles (and the feed description) are plain text: feedparser's HTML value is compared
//   through its text (tags dropped, character references decoded);
// - summaries and contents are sanitised HTML on both sides: compared after `<br />` → `<br>`
//   and white space collapsed;
// - feedparser's `''` is labfeed's `nil` (labfeed never keeps blank values);
// - a raw date string (`feed['updated'] == 'Sat, 07 Sep 2002 …'`) is compared by the instant it
//   names; a `*_parsed` tuple by its UTC fields;
// - `content[0]['base'] == B` holds when the entry's `test.html` link was resolved against B.
// Lookups labfeed has no field for (`links[0]['rel']`, `tags[0]['scheme']`) are not applicable;
// a case must check at least one applicable value.

import Foundation
import LabfeedCore
import LabfeedParse

/// What one case yields: the mismatches found and how many values were compared.
struct ConformanceOutcome: Sendable {
    var failures: [String] = []
    var checked = 0
    var passed: Bool { failures.isEmpty && checked > 0 }
}

enum FeedparserCheck {
    /// The context feedparser's own test run implies: `http_*` files are served by its test server
    /// (their URL is the document URI), others are read from a file with no web address.
    static func context(for c: FeedparserCase) -> ParseContext {
        let name = c.path.split(separator: "/").last.map(String.init) ?? c.path
        let url = name.hasPrefix("http_") ? "http://127.0.0.1:8097/tests/wellformed/\(c.path)" : nil
        return ParseContext(now: FeedFixture.now, url: url, contentType: c.headers["Content-type"] ?? c.headers["Content-Type"])
    }

    static func run(_ c: FeedparserCase) -> (ParsedDocument, ConformanceOutcome) {
        let doc = DocumentParser.parse(c.bytes, context: context(for: c))
        var outcome = ConformanceOutcome()
        for clause in c.clauses {
            switch clause {
            case .bozo(let expected):
                let bozo = !doc.warnings.isEmpty
                if bozo != expected {
                    outcome.failures.append(expected ? "expected a warning (bozo), got none" : "expected no warning, got \(doc.warnings)")
                }
            case .equals(let paths, let literal):
                for path in paths {
                    switch compare(path, literal, in: doc) {
                    case .pass: outcome.checked += 1
                    case .fail(let why):
                        outcome.checked += 1
                        outcome.failures.append("\(path): \(why)")
                    case .notApplicable: break
                    }
                }
            }
        }
        return (doc, outcome)
    }

    enum Result: Equatable { case pass, fail(String), notApplicable }

    static func compare(_ path: FeedparserPath, _ literal: PythonLiteral, in doc: ParsedDocument) -> Result {
        switch path.root {
        case "version": return compareVersion(literal, doc.format)
        case "feed": return compareFeed(path.names, literal, doc.feed)
        case "entries":
            let index = path.firstIndex ?? 0
            guard index < doc.entries.count else { return .fail("no entry #\(index) (\(doc.entries.count) entries)") }
            return compareEntry(path, literal, doc.entries[index])
        default: return .notApplicable
        }
    }

    // MARK: - Feed

    private static func compareFeed(_ names: [String], _ literal: PythonLiteral, _ feed: FeedInfo) -> Result {
        switch names {
        case ["title"], ["title_detail", "value"]: return text(feed.title, literal)
        case ["link"], ["links", "href"]: return exact(feed.link, literal)
        case ["description"], ["subtitle"], ["tagline"], ["subtitle_detail", "value"]: return text(feed.description, literal)
        case ["language"]: return exact(feed.language, literal)
        case ["updated"], ["modified"]: return rawDate(feed.updated, literal)
        case ["updated_parsed"], ["modified_parsed"]: return tupleDate(feed.updated, literal)
        default: return .notApplicable
        }
    }

    // MARK: - Entries

    private static func compareEntry(_ path: FeedparserPath, _ literal: PythonLiteral, _ entry: Entry) -> Result {
        let names = path.names
        let indexes = path.keys.dropFirst().compactMap { if case .index(let i) = $0 { i } else { nil } }
        switch names {
        case ["id"], ["guid"]: return exact(entry.id, literal)
        case ["title"], ["title_detail", "value"]: return text(entry.title, literal)
        case ["link"]: return exact(entry.link, literal)
        case ["links", "href"] where indexes.first == 0: return exact(entry.link, literal)
        case ["description"], ["summary"], ["summary_detail", "value"]: return html(entry.summary, literal)
        case ["content", "value"]: return html(entry.content, literal)
        case ["content", "base"]: return base(entry.content, literal)
        case ["summary_detail", "base"]: return base(entry.summary, literal)
        case ["language"], ["content", "language"], ["title_detail", "language"], ["summary_detail", "language"]:
            return exact(entry.language, literal)
        case ["published"], ["issued"]: return rawDate(entry.published, literal)
        case ["published_parsed"], ["issued_parsed"]: return tupleDate(entry.published, literal)
        case ["updated"], ["modified"]: return rawDate(entry.updated, literal)
        case ["updated_parsed"], ["modified_parsed"]: return tupleDate(entry.updated, literal)
        case ["author"]: return exact(entry.authors.first.map(feedparserAuthor), literal)
        case ["author_detail", "name"]: return exact(entry.authors.first?.name, literal)
        case ["author_detail", "email"]: return exact(entry.authors.first?.email, literal)
        case ["author_detail", "url"], ["author_detail", "href"]: return exact(entry.authors.first?.uri, literal)
        case ["category"]: return exact(entry.categories.first, literal)
        case ["tags", "term"]:
            let i = indexes.first ?? 0
            return exact(i < entry.categories.count ? entry.categories[i] : nil, literal)
        case ["enclosures"]:
            guard literal == .emptyList else { return .notApplicable }
            return entry.enclosures.isEmpty ? .pass : .fail("expected no enclosure, got \(entry.enclosures)")
        case ["enclosures", "href"], ["enclosures", "url"], ["enclosures", "type"], ["enclosures", "length"]:
            let i = indexes.first ?? 0
            guard i < entry.enclosures.count else { return .fail("no enclosure #\(i)") }
            let enclosure = entry.enclosures[i]
            switch names[1] {
            case "type": return exact(enclosure.type, literal)
            case "length": return exact(enclosure.length.map(String.init), literal)
            default: return exact(enclosure.url, literal)
            }
        default: return .notApplicable
        }
    }

    /// feedparser's `author` string: `Name (email)`, or whichever of the two is known.
    private static func feedparserAuthor(_ a: Author) -> String {
        switch (a.name, a.email) {
        case let (name?, email?): "\(name) (\(email))"
        case let (name?, nil): name
        case let (nil, email?): email
        default: ""
        }
    }

    // MARK: - Comparisons

    private static func expectedString(_ literal: PythonLiteral) -> String? {
        switch literal {
        case .string(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    private static func exact(_ actual: String?, _ literal: PythonLiteral) -> Result {
        guard let expected = expectedString(literal) else { return .notApplicable }
        if expected.isEmpty, actual == nil { return .pass }
        return actual == expected ? .pass : .fail("expected \(quoted(expected)), got \(actual.map(quoted) ?? "nil")")
    }

    /// labfeed's plain text against the text of feedparser's (possibly HTML) value.
    private static func text(_ actual: String?, _ literal: PythonLiteral) -> Result {
        guard let expected = expectedString(literal) else { return .notApplicable }
        let wanted = ReferenceText.text(ofHTML: expected)
        if wanted.isEmpty, actual == nil { return .pass }
        return actual == wanted ? .pass : .fail("expected text \(quoted(wanted)) (from \(quoted(expected))), got \(actual.map(quoted) ?? "nil")")
    }

    private static func html(_ actual: String?, _ literal: PythonLiteral) -> Result {
        guard let expected = expectedString(literal) else { return .notApplicable }
        if expected.isEmpty, actual == nil { return .pass }
        let a = actual.map(ReferenceText.normalizedHTML), e = ReferenceText.normalizedHTML(expected)
        return a == e ? .pass : .fail("expected HTML \(quoted(e)), got \(a.map(quoted) ?? "nil")")
    }

    private static func base(_ html: String?, _ literal: PythonLiteral) -> Result {
        guard let expected = expectedString(literal) else { return .notApplicable }
        let link = "href=\"\(expected)test.html\""
        return html?.contains(link) == true ? .pass : .fail("expected the link resolved to \(expected)test.html, got \(html.map(quoted) ?? "nil")")
    }

    private static func rawDate(_ actual: Date?, _ literal: PythonLiteral) -> Result {
        guard case .string(let raw) = literal else { return .notApplicable }
        guard let meaning = rawDateMeanings[raw], let expected = UTCTimestamp.date(meaning) else {
            return .fail("no recorded meaning for the date text \(quoted(raw))")
        }
        return actual == expected ? .pass : .fail("expected \(meaning) (\(quoted(raw))), got \(actual.map(UTCTimestamp.string) ?? "nil")")
    }

    private static func tupleDate(_ actual: Date?, _ literal: PythonLiteral) -> Result {
        switch literal {
        case .none: return actual == nil ? .pass : .fail("expected no date, got \(UTCTimestamp.string(actual!))")
        case .tuple(let t) where t.count >= 6:
            let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t[0], t[1], t[2], t[3], t[4], t[5])
            return actual.map(UTCTimestamp.string) == iso ? .pass : .fail("expected \(iso), got \(actual.map(UTCTimestamp.string) ?? "nil")")
        default: return .notApplicable
        }
    }

    private static func compareVersion(_ literal: PythonLiteral, _ format: DocumentFormat) -> Result {
        guard case .string(let version) = literal else { return .notApplicable }
        let expected: DocumentFormat? = switch version {
        case "rss090", "rss10": .rdf
        case let v where v.hasPrefix("rss"): .rss
        case let v where v.hasPrefix("atom"): .atom
        case let v where v.hasPrefix("json"): .jsonfeed
        default: nil
        }
        guard let expected else { return .notApplicable }
        return format == expected ? .pass : .fail("expected format \(expected.rawValue) (\(version)), got \(format.rawValue)")
    }

    /// The instants the raw date strings of the selected cases name (feedparser compares the raw
    /// string; labfeed keeps only the instant).
    static let rawDateMeanings: [String: String] = [
        "2003-12-31T10:14:55Z": "2003-12-31T10:14:55Z",
        "Sat, 07 Sep 2002 00:00:01 GMT": "2002-09-07T00:00:01Z",
        "Thu, 01 Jan 2004 19:48:21 GMT": "2004-01-01T19:48:21Z",
    ]

    private static func quoted(_ s: String) -> String { "“\(s)”" }
}

/// Text and HTML helpers independent of the code under test, so expectations are not computed
/// with the parser they check.
enum ReferenceText {
    /// The text of an HTML fragment: tags dropped, the five XML entities and numeric character
    /// references decoded, white space collapsed.
    static func text(ofHTML html: String) -> String {
        var out = "", inTag = false
        let chars = Array(html)
        for (i, c) in chars.enumerated() {
            // A tag opens with `<` and a letter, `/` or `!`; a lone `<` is text ("1 < 2").
            if c == "<", !inTag, i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" {
                inTag = true
                continue
            }
            if c == ">", inTag { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        return collapse(decodeReferences(out))
    }

    static func decodeReferences(_ s: String) -> String {
        var out = "", rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 else {
                out.append("&")
                rest = after
                continue
            }
            let name = String(after[..<semi])
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: semi)...]
            } else {
                out.append("&")
                rest = after
            }
        }
        return out + rest
    }

    /// HTML compared loosely: `<br/>`, `<br />` → `<br>`, white space collapsed and trimmed.
    static func normalizedHTML(_ html: String) -> String {
        collapse(html.replacingOccurrences(of: "<br />", with: "<br>").replacingOccurrences(of: "<br/>", with: "<br>"))
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" }).joined(separator: " ")
    }
}

// feedparser's date cases (Fixtures/conformance/feedparser/dates.tsv, from its
// tests/test_date_parsers.py): each text is put in an RSS item's pubDate and read through
// DocumentParser.parse. A date feedparser cannot read must give labfeed no date and a warning.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

/// One line of dates.tsv.
struct FeedDateCase: Sendable, CustomTestStringConvertible {
    var family: String
    var input: String
    /// `2004-01-01T19:48:21Z`, or nil when no date is to be read.
    var expected: String?

    var testDescription: String { "\(family): \(input)" }

    static func all() throws -> [FeedDateCase] {
        let text = String(decoding: try ConformanceFixtures.bytes("feedparser/dates.tsv"), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            return FeedDateCase(family: fields[0], input: fields[1], expected: fields[2] == "None" ? nil : fields[2])
        }
    }

    /// The feed the date is read from.
    var feed: [UInt8] {
        let escaped = input.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return Array("""
        <rss version="2.0"><channel><title>Dates</title><link>http://example.com/</link>
        <item><title>Item</title><guid>urn:date</guid><pubDate>\(escaped)</pubDate></item>
        </channel></rss>
        """.utf8)
    }

    /// labfeed's answer: the instant read, or nil; and whether a warning names the date.
    func run() -> (published: Date?, warned: Bool) {
        let doc = DocumentParser.parse(feed, context: FeedFixture.context())
        return (doc.entries.first?.published, doc.warnings.contains { $0.contains("pubDate") })
    }

    /// The expected instant (compared as an instant: the proleptic calendar of feedparser and
    /// labfeed agree on it even where Foundation shows pre-1582 days in the Julian calendar).
    var expectedInstant: Date? { expected.flatMap(UTCTimestamp.date) }
}

struct FeedDateConformanceTests {
    static let cases: [FeedDateCase] = (try? FeedDateCase.all()) ?? []

    @Test func theDateTableIsLoaded() throws {
        #expect(try FeedDateCase.all().count >= 50)
        let unknown = Set(ConformanceDifferences.feedparserDates.keys).subtracting(try FeedDateCase.all().map(\.input))
        #expect(unknown.isEmpty, "expected date differences name no case: \(unknown.sorted())")
    }

    @Test(arguments: cases)
    func feedparserDate(_ c: FeedDateCase) {
        let (published, warned) = c.run()
        let agrees = published == c.expectedInstant && (c.expected != nil || warned)
        if let reason = ConformanceDifferences.feedparserDates[c.input] {
            #expect(!agrees, "“\(c.input)” now reads as feedparser reads it; remove it from the expected differences (\(reason))")
            // A deliberate difference is never an invented date: nil with a warning.
            #expect(published == nil && warned, "“\(c.input)”: a date labfeed declines must be nil with a warning, got \(published.map(UTCTimestamp.string) ?? "nil")")
        } else {
            #expect(c.expected == nil || c.expectedInstant != nil, "“\(c.expected ?? "")” is not a timestamp")
            #expect(published == c.expectedInstant,
                    "“\(c.input)” (\(c.family)): expected \(c.expected ?? "no date"), got \(published.map(UTCTimestamp.string) ?? "no date")")
            if c.expected == nil { #expect(warned, "“\(c.input)”: no date and no warning") }
        }
    }
}

// Fixture loading and a fixed parse context for the feed and calendar tests.

import Foundation
import LabfeedCore
import LabfeedParse

/// Reads fixtures copied into the test bundle (Tests/LabfeedParseTests/Fixtures).
enum FeedFixture {
    /// The fixed "now" of every test: 15 October 2022, midnight UTC.
    static let now = UTCTimestamp.date("2022-10-15T00:00:00Z")!

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let root = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return [UInt8](try Data(contentsOf: root.appendingPathComponent("Fixtures").appendingPathComponent(path)))
    }

    static func context(url: String? = nil, baseURL: String? = nil, contentType: String? = nil,
                        forced: DocumentFormat? = nil, now: Date = FeedFixture.now) -> ParseContext {
        ParseContext(now: now, url: url, baseURL: baseURL, contentType: contentType, forcedFormat: forced)
    }

    static func parse(_ path: String, context: ParseContext = FeedFixture.context()) throws -> ParsedDocument {
        DocumentParser.parse(try bytes(path), context: context)
    }

    static func parse(text: String, context: ParseContext = FeedFixture.context()) -> ParsedDocument {
        DocumentParser.parse(Array(text.utf8), context: context)
    }

    static func utc(_ text: String) -> Date { UTCTimestamp.date(text)! }
}

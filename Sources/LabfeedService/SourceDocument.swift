// What the pipeline hands the parser: one fetched body and where it came from.

public import Foundation
public import LabfeedCore

/// One fetched document of one source, ready to parse.
public struct SourceDocument: Sendable {
    public var source: SourceConfig
    public var bytes: [UInt8]
    /// The URL the body came from (after redirects), or the file URL of a local source.
    public var url: URL
    /// The response's `Content-Type`, if any.
    public var contentType: String?
    /// When it was fetched: the reference for year inference and recurrence windows.
    public var fetchedAt: Date

    public init(source: SourceConfig, bytes: [UInt8], url: URL, contentType: String?, fetchedAt: Date) {
        self.source = source
        self.bytes = bytes
        self.url = url
        self.contentType = contentType
        self.fetchedAt = fetchedAt
    }
}

/// Turns a fetched document into what it yields. The CLI gives `LabfeedParse`'s parser; tests
/// give stubs.
public typealias DocumentParsing = @Sendable (SourceDocument) -> ParsedDocument

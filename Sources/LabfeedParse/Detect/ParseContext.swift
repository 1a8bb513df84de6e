// What a parser needs to know about a document besides its bytes: where it came from, how the
// server labelled it, which zone and which "now" to read dates against.

public import Foundation
public import LabfeedCore

/// The circumstances of one parse. A Sendable value: build it at the edge (CLI, pipeline) and
/// pass it down; parsers never read the clock or the environment themselves.
public struct ParseContext: Sendable {
    /// The response URL (after redirects) or the file URL the bytes came from.
    public var url: String?
    /// A base URL that overrides the response URL for relative links (`--base-url`).
    public var baseURL: String?
    /// The HTTP `Content-Type` header as received, if any.
    public var contentType: String? {
        didSet { mediaType = Self.mediaType(of: contentType) }
    }
    /// The document kind to use instead of detecting it (`--as`).
    public var forcedFormat: DocumentFormat?
    /// The zone local times without offset are read in, and event times shown in.
    public var timeZone: TimeZone
    /// The present, for the window of recurring events. Injected, never read from the clock here.
    public var now: Date
    /// How far after `now` recurring events are expanded (default 365 days).
    public var recurrenceWindow: TimeInterval
    /// How far before `now` occurrences of recurring events are still kept (default one day).
    public var recurrencePastMargin: TimeInterval
    /// The language the source is known to write in (from configuration), when the document
    /// does not say.
    public var sourceLanguage: String?
    /// Finds events in the title and plain-text summary of a feed entry that carries no event
    /// data of its own (the prose date engine). nil until that engine is wired in.
    public var textEventFinder: (@Sendable (_ title: String, _ summary: String, _ entry: Entry) -> [Event])?
    /// The source's `extract:` selectors, for pages without structured data.
    public var extract: ExtractRules?
    /// Look for events announced in running text (pages, plain text, feed entries without
    /// event data) with the prose extractor. On by default.
    public var findEventsInText: Bool = true

    public init(
        now: Date, url: String? = nil, baseURL: String? = nil, contentType: String? = nil,
        forcedFormat: DocumentFormat? = nil, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!,
        recurrenceWindow: TimeInterval = 365 * 86_400, recurrencePastMargin: TimeInterval = 86_400,
        sourceLanguage: String? = nil,
        textEventFinder: (@Sendable (_ title: String, _ summary: String, _ entry: Entry) -> [Event])? = nil
    ) {
        self.now = now
        self.url = url
        self.baseURL = baseURL
        self.contentType = contentType
        self.mediaType = Self.mediaType(of: contentType)
        self.forcedFormat = forcedFormat
        self.timeZone = timeZone
        self.recurrenceWindow = recurrenceWindow
        self.recurrencePastMargin = recurrencePastMargin
        self.sourceLanguage = sourceLanguage
        self.textEventFinder = textEventFinder
    }

    /// The `charset` parameter of ``contentType``, if any.
    public var httpCharset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, Whitespace.collapse(parts[0]).lowercased() == "charset" else { continue }
            let value = Whitespace.collapse(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The media type of ``contentType`` in lower case (`application/rss+xml`), if any. Made
    /// once when the content type is set: the parser asks up to three times per document.
    public private(set) var mediaType: String?

    static func mediaType(of contentType: String?) -> String? {
        guard let contentType, let first = contentType.split(separator: ";").first else { return nil }
        let type = Whitespace.collapse(first).lowercased()
        return type.isEmpty ? nil : type
    }

    /// The base for relative links at the document's root: `--base-url`, else a web response
    /// URL, else `fallback` (a feed's own site link) when it is a web URL, else the file URL.
    func rootBase(fallback: String? = nil) -> String? {
        if let baseURL, !baseURL.isEmpty { return baseURL }
        if URLResolver.isWebURL(url) { return url }
        if URLResolver.isWebURL(fallback) { return fallback }
        return url
    }
}

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
        return Self.asciiCharset(of: contentType) ?? Self.charsetByCharacters(of: contentType)
    }

    /// ``httpCharset`` of an ASCII content type, read on its bytes (the Character split and
    /// Foundation's `trimmingCharacters` cost about 30,000 instructions a page); `.some(nil)`
    /// when it names none, nil (not decided) when the content type holds a non-ASCII byte.
    /// In ASCII every Character is one byte (CR LF aside, which is no `;` nor `=`), white
    /// space is a byte up to 0x20 and lower-casing sets bit 0x20 of a letter, so this is what
    /// ``charsetByCharacters(of:)`` gives (ContentTypeCharsetTests compares both).
    static func asciiCharset(of contentType: String) -> String?? {
        var contentType = contentType
        return contentType.withUTF8 { b -> String?? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            let n = b.count
            func isSpace(_ c: UInt8) -> Bool { c <= 0x20 }
            // The first non-empty part (the media type) is not a parameter.
            var i = 0
            while i < n, b[i] == 0x3B { i += 1 }
            while i < n, b[i] != 0x3B { i += 1 }
            while i < n {
                i += 1  // past ";"
                let start = i
                while i < n, b[i] != 0x3B { i += 1 }
                // "name=value", split at most once on "=" with empty parts dropped: the name
                // starts after any leading "=", the value is the non-empty rest after the next.
                var from = start
                while from < i, b[from] == 0x3D { from += 1 }
                guard let equals = b[from..<i].firstIndex(of: 0x3D), equals + 1 < i else { continue }
                var to = equals
                while from < to, isSpace(b[from]) { from += 1 }
                while to > from, isSpace(b[to - 1]) { to -= 1 }
                let name: [UInt8] = Array("charset".utf8)
                guard to - from == name.count, (0..<name.count).allSatisfy({ b[from + $0] | 0x20 == name[$0] }) else { continue }
                // The value collapsed (runs of white space as one space, none at the ends), then
                // stripped of quotes and apostrophes at both ends.
                var value: [UInt8] = []
                var space = false
                for c in b[(equals + 1)..<i] {
                    if isSpace(c) {
                        space = !value.isEmpty
                    } else {
                        if space { value.append(0x20) }
                        space = false
                        value.append(c)
                    }
                }
                var head = 0, tail = value.count
                while head < tail, value[head] == 0x22 || value[head] == 0x27 { head += 1 }
                while tail > head, value[tail - 1] == 0x22 || value[tail - 1] == 0x27 { tail -= 1 }
                return .some(head == tail ? nil : String(decoding: value[head..<tail], as: UTF8.self))
            }
            return .some(nil)
        }
    }

    /// ``httpCharset`` read on Characters and trimmed by Foundation: any content type.
    static func charsetByCharacters(of contentType: String) -> String? {
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

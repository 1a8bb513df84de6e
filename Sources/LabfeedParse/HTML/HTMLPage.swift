// The events of one HTML page, read from its structured data (JSON-LD, microdata,
// microformats), its per-source selectors and its metadata; each event counted once.
// Pure: reads a parsed document, never fetches. Call it on the task that parsed the document.

public import Foundation
public import LabfeedCore
public import LabfeedMarkup

/// Reads a time from text that a selector picked (`le 8 novembre 2022 à 9h30`): the start, and
/// the end when the text gives one. The lead wires LabfeedDates' engine in here.
public typealias TextDateReader = @Sendable (_ text: String, _ zone: TimeZone) -> (start: EventTime, end: EventTime?)?

/// What the extraction needs to know about the page's source.
public struct PageContext: Sendable {
    /// Overrides the document's URL as the base for relative references (`--base-url`);
    /// a `<base href>` in the page still wins.
    public var baseURL: String?
    /// The zone of times given without an offset, and of every time in the output.
    public var timeZone: TimeZone
    /// The source's language, for events whose page does not say.
    public var language: String?
    /// The source's organiser, for events that name none.
    public var organizer: Organizer?
    /// The source's place, for events that name none.
    public var location: Location?
    /// Per-source selectors (feeds.yml `extract:`), for pages without structured data.
    public var extract: ExtractRules?
    /// Reads dates in the text that selectors pick; ISO 8601 and `datetime`/`content`
    /// attributes are read without it.
    public var dateReader: TextDateReader?

    public init(baseURL: String? = nil, timeZone: TimeZone = PageContext.paris, language: String? = nil,
                organizer: Organizer? = nil, location: Location? = nil, extract: ExtractRules? = nil,
                dateReader: TextDateReader? = nil) {
        self.baseURL = baseURL
        self.timeZone = timeZone
        self.language = language
        self.organizer = organizer
        self.location = location
        self.extract = extract
        self.dateReader = dateReader
    }

    /// The context of a configured source: its zone (else the settings'), language, organiser,
    /// place and selectors.
    public init(source: SourceConfig, settings: Settings, baseURL: String? = nil, dateReader: TextDateReader? = nil) {
        self.init(baseURL: baseURL,
                  timeZone: source.timezone.flatMap(TimeZone.init(identifier:)) ?? settings.timeZone,
                  language: source.language,
                  organizer: source.organizer.map { Organizer(name: $0) },
                  location: source.location,
                  extract: source.extract,
                  dateReader: dateReader)
    }

    /// Europe/Paris, the default zone.
    public static let paris = TimeZone(identifier: "Europe/Paris")!
}

/// Everything one page yields.
public struct PageExtraction: Sendable {
    /// Title (og:title, else `<title>`), link (canonical, else og:url, else the base URL),
    /// description (meta description, else og:description), language (`<html lang>`, else og:locale).
    public var feed: FeedInfo
    /// The page's events, each once, in the order they were first found.
    public var events: [Event]
    /// Feeds and calendars the page links to.
    public var feeds: [DiscoveredFeed]
    /// The page in other languages (hreflang links).
    public var alternates: [Alternate]
    /// og:image, absolute.
    public var image: String?
    /// The base URL relative references were resolved against.
    public var baseURL: String?
    /// Each names where: the element and its line, or the selector.
    public var warnings: [String]

    public init(feed: FeedInfo = FeedInfo(), events: [Event] = [], feeds: [DiscoveredFeed] = [], alternates: [Alternate] = [],
                image: String? = nil, baseURL: String? = nil, warnings: [String] = []) {
        self.feed = feed
        self.events = events
        self.feeds = feeds
        self.alternates = alternates
        self.image = image
        self.baseURL = baseURL
        self.warnings = warnings
    }

    /// The object `labfeed fetch --json` prints for a page.
    public var document: ParsedDocument {
        ParsedDocument(format: .html, feed: feed, entries: [], events: events, warnings: warnings, feeds: feeds)
    }
}

/// Reads the events of an HTML page.
///
/// Precedence for one event described several times on a page: JSON-LD, then microdata, then
/// microformats (h-event, then hCalendar), then selectors. Descriptions are counted once: the
/// best keeps its values and takes the fields it lacks from the others (see docs/EXTRACTION.md).
public enum HTMLPage {
    public static func extract(_ document: MarkupDocument, context: PageContext = PageContext()) -> PageExtraction {
        var warnings: [String] = []
        let elements = PageElements(document)
        let meta = PageMeta.read(document, elements: elements, context: context, warnings: &warnings)
        let environment = ExtractionEnvironment(base: meta.base, zone: context.timeZone, dateReader: context.dateReader)

        // JSON-LD's events (nearly all of a page's) are the list itself, not appended to an
        // empty one (a copy of each event); the list is handed over to the merge, which gives it
        // back unshared when nothing merges.
        var found = JSONLDReader.events(in: elements, environment, warnings: &warnings)
        found += MicrodataReader.events(in: elements, document: document, environment, warnings: &warnings)
        found += RDFaReader.events(in: elements, environment, warnings: &warnings)
        found += MicroformatsReader.events(in: elements, document: document, environment, warnings: &warnings)
        if let rules = context.extract {
            found += SelectorReader.events(in: document, rules: rules, environment, warnings: &warnings)
        }
        var events = EventMerger.merge(consume found)
        for i in events.indices {
            apply(meta: meta, context: context, single: events.count == 1, to: &events[i])
        }
        return PageExtraction(feed: meta.feed, events: events, feeds: meta.feeds, alternates: meta.alternates,
                              image: meta.image, baseURL: meta.base, warnings: warnings)
    }

    /// Page-level fallbacks: the zone, the page's language, the source's defaults; for the one
    /// event of an event page, its canonical URL, og:image and the page's other languages.
    private static func apply(meta: PageMeta, context: PageContext, single: Bool, to event: inout Event) {
        event.timeZone = event.timeZone ?? context.timeZone.identifier
        event.language = event.language ?? meta.feed.language ?? context.language
        if event.organizer == nil { event.organizer = context.organizer }
        if event.location == nil && event.attendanceMode != .online { event.location = context.location }
        guard single else { return }
        if event.url == nil { event.url = meta.feed.link }
        if event.image == nil { event.image = meta.image }
        if event.alternates.isEmpty && (event.url == nil || event.url == meta.feed.link) {
            event.alternates = meta.alternates
        }
    }
}

/// What every reader needs: where relative references start, the zone of local times.
struct ExtractionEnvironment {
    var base: String?
    var zone: TimeZone
    var dateReader: TextDateReader?

    func resolve(_ reference: String?) -> String? {
        reference.flatMap { URLResolver.link($0, against: base) }
    }
}

// The prose extractor's inputs and outputs: what the caller knows about the page
// (`ProseContext`), and what comes back (`ProseResult`: events, the publication date, the main
// content chosen and, for `--explain`, why each date was taken or left). Sendable values.

public import Foundation
public import LabfeedCore

/// What the caller knows about a page besides its text.
///
/// Nothing here is read from the clock: `fetchDate` is given by the caller, so the same page
/// and context always give the same events.
public struct ProseContext: Sendable {
    /// The zone local times are read in (Europe/Paris by default).
    public var timeZone: TimeZone
    /// The day the page was fetched: the last resort for years left out.
    public var fetchDate: CivilDate
    /// The page's language when known (`<html lang>`, the source's `language:`); nil to read it
    /// from the page. Each block's own `lang` and a stop-word vote still win per paragraph.
    public var pageLanguage: String?
    /// The publication date when the caller already knows it (`article:published_time`, a
    /// feed's date); nil to find it in the page (byline, `<time>`, meta tags).
    public var publicationDate: CivilDate?
    /// The page's URL: the events' `url`, and the base for relative links.
    public var pageURL: String?
    /// The source's organizer, given to events that name none.
    public var organizer: Organizer?
    /// The source's tags, given to every event as keywords.
    public var keywords: [String]
    /// Whether ``ProseResult/explanations`` is filled in (`--explain`). When false, each date
    /// still has its entry (outcome, rules, reason, event index) but its span, sentence, block
    /// path and dates are left empty: the page and feed parsers drop the explanations, and
    /// writing them was about a tenth of judging the date blocks. True by default.
    public var explain = true

    /// Europe/Paris, labfeed's default zone.
    public static let paris: TimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    public init(fetchDate: CivilDate, timeZone: TimeZone = ProseContext.paris,
                pageLanguage: String? = nil, publicationDate: CivilDate? = nil, pageURL: String? = nil,
                organizer: Organizer? = nil, keywords: [String] = []) {
        self.timeZone = timeZone
        self.fetchDate = fetchDate
        self.pageLanguage = pageLanguage
        self.publicationDate = publicationDate
        self.pageURL = pageURL
        self.organizer = organizer
        self.keywords = keywords
    }
}

/// What the prose extractor found in one page.
public struct ProseResult: Sendable {
    /// The events, in page order, each with `foundBy == .prose`, a confidence and a language.
    public var events: [Event]
    /// The page's publication date, as given or as found (nil when neither).
    public var publicationDate: CivilDate?
    /// Where the publication date came from ("context", "meta article:published_time",
    /// "byline …"), nil when there is none.
    public var publicationSource: String?
    /// Which part of the page was read as the article or programme body, and why.
    public var mainContent: ProseMainContent
    /// For each date expression of the page: taken (with its rules) or left (with the reason).
    public var explanations: [ProseExplanation]
    /// Problems worth telling the user, each naming where.
    public var warnings: [String]

    public init(events: [Event], publicationDate: CivilDate?, publicationSource: String?, mainContent: ProseMainContent,
                explanations: [ProseExplanation], warnings: [String]) {
        self.events = events
        self.publicationDate = publicationDate
        self.publicationSource = publicationSource
        self.mainContent = mainContent
        self.explanations = explanations
        self.warnings = warnings
    }
}

/// The element chosen as the page's body text, for `--explain`.
public struct ProseMainContent: Sendable, Hashable {
    /// A CSS-like path to the element ("body > div#page > main#content > article.post"), or
    /// "plain text" for text input.
    public var path: String
    /// Why it was chosen ("<main> element", "class entry-content", "densest text block").
    public var reason: String
    /// Characters of text in it (outside navigation, comments and other boilerplate).
    public var textLength: Int
    /// The share of that text inside links, 0…1.
    public var linkDensity: Double
    /// Blocks read (paragraphs, headings, list items, table rows).
    public var blockCount: Int
    /// The other candidates considered, best first, with their scores.
    public var candidates: [String]

    public init(path: String, reason: String, textLength: Int, linkDensity: Double, blockCount: Int, candidates: [String] = []) {
        self.path = path
        self.reason = reason
        self.textLength = textLength
        self.linkDensity = linkDensity
        self.blockCount = blockCount
        self.candidates = candidates
    }
}

/// Why a date found in the page is not an event.
public enum ProseRejection: String, Sendable, Hashable, CaseIterable, Codable {
    /// A byline, "publié le", "posted on", "mis à jour le": when the page was written.
    case publicationDate = "publication date"
    /// "date limite", "avant le", "candidatures jusqu'au", "apply by".
    case deadline
    /// "horaires", "ouvert du lundi au vendredi".
    case openingHours = "opening hours"
    /// "fermeture du … au …", "closed on".
    case closure
    /// "le conseil a voté", "s'est réuni": an internal meeting or a decision, told as past.
    case pastInternalMeeting = "past internal meeting"
    /// "réunion du comité de pilotage": a meeting that is not open to the public.
    case internalMeeting = "internal meeting"
    /// "fondé le", "depuis le", "a été inauguré le": the story of a place or body.
    case story
    /// "lettre d'information du …", "newsletter n° 42": the date of an issue.
    case newsletterIssue = "newsletter issue"
    /// Interviews, start of the job: steps of a job offer.
    case recruitment
    /// "Retour sur …", "compte rendu": a report listed by its publication date.
    case reportListing = "report listing"
    /// "jusqu'au 30 novembre" with nothing else: an end with no start.
    case openEndOnly = "end date only"
    /// No gathering is named near the date and nothing announces one.
    case noEventCue = "no event noun or announcement"
    /// In a "related articles", "recent posts" or archives list.
    case relatedArticles = "related-articles area"
    /// In the comments.
    case comment
    /// In navigation, breadcrumbs or pagination.
    case navigation
    /// In a sidebar or widget.
    case sidebar
    /// In the site header or footer.
    case headerFooter = "site header or footer"
    /// In a cookie banner or a share widget.
    case widget = "cookie banner or share widget"
    /// Elsewhere outside the main content.
    case outsideMainContent = "outside the main content"
}

/// How one date expression of the page was judged, for `--explain`.
public struct ProseExplanation: Sendable, Hashable {
    /// Taken as an event, folded into another event (the same event said twice), or left.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case accepted, merged, rejected
    }

    public var outcome: Outcome
    /// The date expression as written ("du 2 au 30 novembre").
    public var span: String
    /// The sentence it is in (at most 300 characters).
    public var sentence: String
    /// Where in the page: the block's path ("article.post > p", "line 12").
    public var location: String
    /// The block's language ("fr", "en"), when known.
    public var language: String?
    /// The dates read, ISO 8601.
    public var start: String
    public var end: String?
    /// The rules that fired, in order ("date:rangeDuAu", "year:publication", "cue:noun(atelier)",
    /// "title:quoted", "place:à+Town").
    public var rules: [String]
    /// Why the date was left (rejected only).
    public var reason: ProseRejection?
    /// The words that triggered the rejection ("avant le", "a voté").
    public var detail: String?
    /// The index in ``ProseResult/events`` of the event it gave or was folded into.
    public var eventIndex: Int?

    public init(outcome: Outcome, span: String, sentence: String, location: String, language: String?, start: String,
                end: String?, rules: [String], reason: ProseRejection? = nil, detail: String? = nil, eventIndex: Int? = nil) {
        self.outcome = outcome
        self.span = span
        self.sentence = sentence
        self.location = location
        self.language = language
        self.start = start
        self.end = end
        self.rules = rules
        self.reason = reason
        self.detail = detail
        self.eventIndex = eventIndex
    }
}

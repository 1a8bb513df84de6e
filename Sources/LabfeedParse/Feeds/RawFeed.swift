// The shape every feed format is read into before FeedAdapter builds labfeed's entries and
// events from it: values as the document gave them (links already absolute, dates still text).

import LabfeedCore

/// Text with its kind: plain, or HTML (Atom xhtml content arrives here serialised as HTML).
struct RawText: Sendable, Hashable {
    var value: String
    var isHTML: Bool
    /// The base URL for relative links inside the HTML (xml:base in force there).
    var base: String?
}

/// A date as written, with the element it came from, for warnings.
struct RawDate: Sendable, Hashable {
    var text: String
    /// `<pubDate>`, `<dc:date>`, `date_published`.
    var element: String
}

/// Event fields an item carries in a dedicated vocabulary (RSS event module, xCal, gd:when,
/// The Events Calendar exports).
struct RawEventFields: Sendable, Hashable {
    var start: RawDate?
    var end: RawDate?
    var location: String?
    var organizer: String?
    /// Which vocabulary: "ev", "xcal", "gd", or the element's name.
    var vocabulary: String

    var isEmpty: Bool { start == nil }
}

/// One item or entry as read.
struct RawItem: Sendable {
    var guid: String?
    /// False when RSS says `isPermaLink="false"`.
    var guidIsPermaLink = true
    var title: RawText?
    var link: String?
    var published: RawDate?
    var updated: RawDate?
    var summary: RawText?
    var content: RawText?
    var authors: [Author] = []
    var categories: [String] = []
    var enclosures: [Enclosure] = []
    var image: String?
    var language: String?
    /// Where the item is: "item 3 (line 42)".
    var place: String
    var event: RawEventFields?
}

/// A feed as read.
struct RawFeed: Sendable {
    var title: RawText?
    var link: String?
    var description: RawText?
    var language: String?
    var updated: RawDate?
    var items: [RawItem] = []
    var warnings: [String] = []
}

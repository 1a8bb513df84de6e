// The cases where labfeed deliberately answers differently from the suites, each with its reason.
// docs/FORMATS.md and docs/EXTRACTION.md ("Conformance") list the same cases.

enum ConformanceDifferences {
    /// feedparser test file (path below Fixtures/conformance/feedparser) → why labfeed differs.
    static let feedparser: [String: String] = [
        "base/http_entry_id_base_docuri.xml":
            "an id is an identity, not a link: labfeed keeps `/relative/link` as written, so the entry keeps its id when the feed is fetched from another address",
        "base/http_entry_content_inline_base_docuri.xml": xhtmlWrapper,
        "base/http_entry_summary_inline_base_docuri.xml": xhtmlWrapper,
        "rss/item_description_and_summary.xml":
            "`<summary>` is no RSS element (nor of any common module); labfeed reads only known elements, so it is not taken as the content",
        "rss/item_fullitem.xml":
            "`<fullitem>` is no RSS element (nor of any common module); labfeed reads only known elements, so it is not taken as the content",
    ]

    static let xhtmlWrapper = "the XHTML `div` around inline content is its container (RFC 4287 §4.1.3.3); labfeed drops it in Atom 0.3 as in Atom 1.0, keeping the same text and resolved links"
}

extension ConformanceDifferences {
    /// Date text (Fixtures/conformance/feedparser/dates.tsv) → why labfeed reads no date from it.
    static let feedparserDates: [String: String] = [
        "-0312": twoDigitYear, "031231": twoDigitYear, "03-12-31": twoDigitYear, "-03-12": twoDigitYear, "03335": twoDigitYear,
        "2003-012-31T10:14:55+00:00": "`2003-012` is the ISO 8601 ordinal date 12 January; reading it as December works around one producer's bug by guessing",
    ]

    static let twoDigitYear = "ISO 8601:1988 truncated forms with a two-digit year (`031231`, `-0312`, `03335`) are not RFC 3339 nor W3C-DTF and read as numbers too; no feed labfeed reads uses them, so labfeed declines rather than guess the century"
}

extension ConformanceDifferences {
    /// Microformats case (`h-event/time`, `hcalendar/ampm#start3`) → why labfeed differs.
    static let microformats: [String: String] = [
        "hcalendar/justahyperlink":
            "the vevent has a name and a URL but no dtstart: labfeed never invents a date, so it is no event of the programme (skipped with a warning)",
    ]

    /// schema.org example file → why labfeed differs.
    static let schemaOrg: [String: String] = [
        "nba-jsonld.html":
            "schema.org's JSON-LD version of this example has no `name`: labfeed never invents a title, so the event is skipped with a warning (the microdata and RDFa versions, which have the name, give the event)",
    ]
}

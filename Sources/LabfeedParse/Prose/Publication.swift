// The page's publication date: the caller's, else a meta tag (article:published_time,
// datePublished, DC.date), else the first byline ("vendredi 4 novembre 2022, par lpe",
// "Posted on November 3, 2022 by", "Publié le 4 novembre 2022"). A byline is never an event.

import Foundation
import LabfeedCore
import LabfeedDates

enum Publication {
    /// Meta names that carry a publication date, most trusted first.
    private static let metaKeys = [
        "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
        "dc.date", "dcterms.created", "date", "publish-date", "pubdate", "sailthru.date", "parsely-pub-date",
    ]

    /// The date in a meta tag, read as a local day in `zone`.
    static func fromMeta(_ meta: [String: String], zone: TimeZone) -> (CivilDate, String)? {
        for key in metaKeys {
            guard let value = meta[key], let date = isoDay(value, zone: zone) else { continue }
            return (date, "meta \(key)")
        }
        return nil
    }

    /// The local day of an ISO 8601 date or date-time ("2022-11-04", "2022-11-04T08:00:00+01:00").
    static func isoDay(_ value: String, zone: TimeZone) -> CivilDate? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let parsed = ISO8601.parse(trimmed) else { return nil }
        if let offset = parsed.utcOffset {
            let stated = LocalDateTime(date: parsed.date, hour: parsed.hour ?? 0, minute: parsed.minute ?? 0,
                                       second: parsed.second ?? 0, utcOffset: offset)
            return LocalDateTime(stated.instant, in: zone).date
        }
        return parsed.date
    }

    /// Whether a block is a byline: a short block whose date is introduced by "publié le",
    /// "posted on"… or followed by "par"/"by" and a name, or that the page marks as metadata.
    static func isByline(_ block: ProseBlock, words: [Word], matches: [DateMatch]) -> Bool {
        // The length asked of the store's bytes (`text.count` made the String and counted its
        // Characters), then the words before and after the date as slices: the words are in
        // the text's order, so those ending before the date are a prefix and those starting
        // after it a suffix (two filtered arrays were made per dated block).
        guard let first = matches.first, !block.store.hasAtLeast(characters: 201) else { return false }
        if block.zone == .meta || block.metaMarked { return true }
        let beforeEnd = words.firstIndex { $0.range.upperBound > first.range.lowerBound } ?? words.count
        let afterStart = words[beforeEnd...].firstIndex { $0.range.lowerBound >= first.range.upperBound } ?? words.count
        let before = words[..<beforeEnd]
        let after = words[afterStart...]
        let lead = Array(before.suffix(5))
        let hits = Cues.table.hits(in: lead)
        if hits.contains(where: { $0.payload == .publication }) { return true }
        if let next = after.first, next.norm == "par" || next.norm == "by", after.count <= 8, before.count <= 3 {
            return true
        }
        return false
    }
}

// One event described several times on a page (JSON-LD and microdata, a list and a detail
// block) counted once: the best description keeps its values and takes what it lacks.

import Foundation
import LabfeedCore

enum EventMerger {
    /// Precedence on a page: JSON-LD, microdata, h-event, hCalendar, selectors.
    static func precedence(_ f: FoundBy) -> Int {
        switch f {
        case .jsonLD: 0
        case .microdata: 1
        case .hEvent: 2
        case .hCalendar: 3
        case .selectors: 4
        default: 5
        }
    }

    /// The events with duplicates folded into their first occurrence.
    ///
    /// Events are read where they are in `events` and only the combined ones are copies: a page
    /// without duplicates (nearly every one) gets its array back as it is. (Each event was
    /// copied twice, into the loop then into the output, and the output grown append by
    /// append: the merge cost 12.2 M on the corpus's 4,000 events, 5.0 M now.)
    static func merge(_ events: [Event]) -> [Event] {
        // The kept events, by their index in `events`, each with its combination with the
        // duplicates found later (nil while it has none).
        var kept: [Int] = []
        var combined: [Event?] = []
        // Each kept event's first title folded into words when a later event first starts at
        // the same time (titles are only compared then; folding every title through Foundation
        // was most of the merge's time).
        var titles: [[String]?] = []
        // Each kept event's start as `sameStart` compares it, made once (it computed both
        // instants at each of the page's n² / 2 comparisons).
        var starts: [StartKey] = []
        kept.reserveCapacity(events.count)
        combined.reserveCapacity(events.count)
        titles.reserveCapacity(events.count)
        starts.reserveCapacity(events.count)
        var anyCombined = false
        for j in events.indices {
            var words: [String]?
            var found: Int?
            let start = StartKey(events[j].start)
            for k in kept.indices where starts[k].same(as: start) {
                if titles[k] == nil { titles[k] = self.words(events[kept[k]].title) }
                if words == nil { words = self.words(events[j].title) }
                if same(combined[k] ?? events[kept[k]], titles[k]!, events[j], words!) {
                    found = k
                    break
                }
            }
            if let k = found {
                let event = combine(combined[k] ?? events[kept[k]], events[j])
                starts[k] = StartKey(event.start)
                combined[k] = event
                anyCombined = true
            } else {
                kept.append(j)
                combined.append(nil)
                titles.append(words)
                starts.append(start)
            }
        }
        guard anyCombined else { return events }  // every event kept, none combined
        return kept.indices.map { combined[$0] ?? events[kept[$0]] }
    }

    /// Same start (a day matches a time on that day) and the same URL or a similar title.
    static func same(_ a: Event, _ b: Event) -> Bool {
        same(a, words(a.title), b, words(b.title))
    }

    /// ``same(_:_:)`` with the titles' words given (those of each kept event's first title).
    static func same(_ a: Event, _ wa: [String], _ b: Event, _ wb: [String]) -> Bool {
        guard sameStart(a.start, b.start) else { return false }
        if let ua = a.url, let ub = b.url, normalisedURL(ua) == normalisedURL(ub) {
            // One page may list several sessions of one day under one URL: titles must not clash.
            return similarWords(wa, wb) || a.start == b.start
        }
        return similarWords(wa, wb)
    }

    /// An event's start as ``sameStart(_:_:)`` reads it: its day, and for a time its instant
    /// in seconds (what `LocalDateTime.instant` holds, as a Double).
    struct StartKey {
        let date: CivilDate
        let instant: Double?

        init(_ start: EventTime) {
            switch start {
            case .time(let t):
                date = t.date
                instant = Double(t.date.dayNumber * 86_400 + t.hour * 3600 + t.minute * 60 + t.second - t.utcOffset)
            case .day(let d):
                date = d
                instant = nil
            }
        }

        /// ``sameStart(_:_:)`` of the two starts (EventMergeTests compares both).
        func same(as other: StartKey) -> Bool {
            if let a = instant, let b = other.instant { return a == b }
            return date == other.date
        }
    }

    static func sameStart(_ a: EventTime, _ b: EventTime) -> Bool {
        switch (a, b) {
        case (.time(let x), .time(let y)): x.instant == y.instant
        default: a.date == b.date
        }
    }

    static func normalisedURL(_ s: String) -> String {
        var t = s.lowercased()
        if let hash = t.firstIndex(of: "#") { t = String(t[..<hash]) }
        while t.hasSuffix("/") { t.removeLast() }
        if t.hasPrefix("http://") { t = "https://" + t.dropFirst(7) }
        return t
    }

    /// Equal once folded (case, accents, punctuation), one inside the other, or sharing most words.
    static func similarTitles(_ a: String, _ b: String) -> Bool {
        similarWords(words(a), words(b))
    }

    private static func similarWords(_ wa: [String], _ wb: [String]) -> Bool {
        guard !wa.isEmpty, !wb.isEmpty else { return false }
        if wa == wb { return true }
        let ja = wa.joined(separator: " "), jb = wb.joined(separator: " ")
        if min(ja.count, jb.count) >= 8 && (ja.contains(jb) || jb.contains(ja)) { return true }
        let sa = Set(wa), sb = Set(wb)
        return Double(sa.intersection(sb).count) / Double(sa.union(sb).count) >= 0.6
    }

    static func words(_ s: String) -> [String] {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map(String.init)
    }

    /// The better of two descriptions, completed by the other.
    static func combine(_ x: Event, _ y: Event) -> Event {
        var (best, other) = precedence(y.foundBy) < precedence(x.foundBy) ? (y, x) : (x, y)
        // A time is richer than a bare day for the same event.
        if best.start.isAllDay, !other.start.isAllDay, best.start.date == other.start.date {
            best.start = other.start
            if best.end == nil || best.end?.isAllDay == true { best.end = other.end ?? best.end }
        }
        if best.end == nil { best.end = other.end }
        if best.description == nil { best.description = other.description }
        if best.descriptionHTML == nil { best.descriptionHTML = other.descriptionHTML }
        if best.url == nil { best.url = other.url }
        if let o = other.location {
            var l = best.location ?? Location()
            l.name = l.name ?? o.name
            l.address = l.address ?? o.address
            l.locality = l.locality ?? o.locality
            l.postalCode = l.postalCode ?? o.postalCode
            l.region = l.region ?? o.region
            l.country = l.country ?? o.country
            l.latitude = l.latitude ?? o.latitude
            l.longitude = l.longitude ?? o.longitude
            best.location = l
        }
        if best.organizer == nil { best.organizer = other.organizer }
        if best.status == .scheduled && other.status != .scheduled && other.foundBy != .selectors { best.status = other.status }
        if best.previousStart == nil { best.previousStart = other.previousStart }
        if best.attendanceMode == nil { best.attendanceMode = other.attendanceMode }
        if best.onlineURL == nil { best.onlineURL = other.onlineURL }
        if best.registration == nil { best.registration = other.registration }
        if best.keywords.isEmpty { best.keywords = other.keywords }
        if best.image == nil { best.image = other.image }
        if best.superEvent == nil { best.superEvent = other.superEvent }
        if best.language == nil { best.language = other.language }
        if best.alternates.isEmpty { best.alternates = other.alternates }
        if best.sourceID == nil { best.sourceID = other.sourceID }
        best.confidence = max(best.confidence, other.confidence)
        return best
    }
}

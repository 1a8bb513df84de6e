// From judged dates to events: the contextual year, a time found near the date, the title,
// place, attendance and status; then listed days joined ("les 7, 8 et 9 décembre"), the same
// event said twice merged (heading + paragraph), the umbrella season given as superEvent, and
// every date explained.

import Foundation
import LabfeedCore
import LabfeedDates

/// An accepted date on its way to becoming an event.
struct PendingEvent {
    var site: DateSite
    var match: DateMatch
    var language: String
    var rules: [String]
    var strength: Double
    var title: String
    var titleRank: Int
    var place: PlaceFinding
    var placeFromPage = false
    var attendance: AttendanceMode?
    var status: EventStatus = .scheduled
    var previousStart: EventTime?
    var keywords: [String] = []
    var superEvent: String?
    var umbrella = false
    var url: String?
    var description: String?
    /// Indices into the explanations of the dates this event stands for.
    var explanations: [Int] = []
    var mergedInto: Int?
    /// The span of the last listed day joined into this event.
    var lastRange: Range<String.Index>

    init(site: DateSite, match: DateMatch, language: String, rules: [String], strength: Double, title: String, titleRank: Int,
         place: PlaceFinding) {
        self.site = site
        self.match = match
        self.language = language
        self.rules = rules
        self.strength = strength
        self.title = title
        self.titleRank = titleRank
        self.place = place
        self.lastRange = site.match.range
    }
}

/// A class, not a struct: its helpers are called for every date and for every block without
/// one, and a struct (the analysis and the events, about 500 bytes) was copied into each call
/// of a non-mutating helper from a mutating one, and retained whole by closures. One
/// assembly belongs to one analysis on one thread; its mutable properties are accessed without
/// the run-time exclusivity check (a call per access) as ``SentenceCache``'s are: no access
/// overlaps another (each statement reads or writes one element, appends, or replaces).
final class EventAssembly {
    let a: ProseAnalysis
    @exclusivity(unchecked) var pending: [PendingEvent] = []
    @exclusivity(unchecked) var explanations: [ProseExplanation] = []
    /// The times of each block (``times(_:)``), by block: an index into `timesMade` (-1: not
    /// looked for yet). A dictionary was rehashed as it grew, and every block is asked once.
    @exclusivity(unchecked) private var timesSlots: [Int32]
    @exclusivity(unchecked) private var timesMade: [[TimeMatch]] = []
    /// The one town the main content names (``findPageLocality()``), found when an event
    /// first needs it: it reads the words of every block of the main content.
    @exclusivity(unchecked) private var pageLocalityCache: String??
    /// The heading last read for its first event noun (``nounOfHeading(_:english:)``), whether
    /// the block below was in English, and the noun.
    @exclusivity(unchecked) private var lastHeadingNoun: (heading: Int, english: Bool, noun: String?)?
    /// Date headings whose date went to the items below.
    @exclusivity(unchecked) private var usedHeaders: Set<Int> = []

    /// The page's URL parsed once (``eventURL(_:title:)`` resolved each link against a new parse).
    private let pageBase: URL?

    init(analysis: ProseAnalysis) {
        self.a = analysis
        self.pageBase = analysis.context.pageURL.flatMap(URL.init(string:))
        self.timesSlots = Array(repeating: -1, count: analysis.blocks.count)
    }

    func run() -> ([Event], [ProseExplanation]) {
        // Each date is explained once and becomes at most one event (a date carried from a
        // heading adds one more): reserved once, where the arrays of large values regrew.
        let dates = a.matches.dateCount
        pending.reserveCapacity(dates)
        explanations.reserveCapacity(dates)
        for i in a.blocks.indices {
            judgeBlock(i)
        }
        dropUsedDateHeaders()
        joinListedDays()
        mergeDuplicates()
        linkUmbrellas()
        return finish()
    }

    // MARK: - Judging

    private func judgeBlock(_ i: Int) {
        // Most blocks hold no date: tested before the block is read.
        if a.matches.count(at: i) == 0 {
            if a.blocks[i].zone == .main, !a.blocks[i].isHeading { carryHeaderDate(i) }
            return
        }
        // The block's fields read in place (a copy of the block, retained field by field, was
        // made for each date).
        let text = a.blocks[i].text
        let leadIn = a.blocks[i].leadIn
        let ms = a.matches[i]
        let w = a.words[i]
        let english = a.language(of: i) == "en"
        let heading = a.headingOf[i]
        // The first event noun of the heading and of the lead-in is read only when a date's
        // own sentence names no gathering (``EventJudge/judge``), once per block: splitting the
        // lead-in and matching both against the cues for every date block was a tenth of judging.
        var headingNoun: String??
        var leadNoun: String??
        let agenda = a.blocks[i].agenda || heading.map { EventAssembly.isAgendaHeading(a.words[$0]) } ?? false
        let labelled = w.first.map { ["date", "dates", "quand", "when"].contains($0.norm) } ?? false
            && text.prefix(12).contains(":")
        var skip: Set<Int> = []
        for (mi, m) in ms.enumerated() {
            let site = a.site(block: i, match: m)
            if skip.contains(mi) {
                explain(.merged, site, rules: ["status:rescheduled(new date)"], detail: "the new date of a rescheduled event")
                explanations[explanations.count - 1].eventIndex = pending.count - 1
                pending[pending.count - 1].explanations.append(explanations.count - 1)
                continue
            }
            let verdict = EventJudge.judge(
                site, zone: a.blocks[i].zone, text: text, english: english, words: w, isByline: a.bylines[i],
                headingNoun: {
                    if let known = headingNoun { return known }
                    let found = heading.flatMap { self.nounOfHeading($0, english: english) }
                    headingNoun = .some(found)
                    return found
                },
                leadInNoun: {
                    if let known = leadNoun { return known }
                    let found = leadIn.flatMap { EventAssembly.firstNounLabel(Words.split($0), text: $0, english: english) }
                    leadNoun = .some(found)
                    return found
                },
                agendaContext: agenda, labelledDate: labelled)
            switch verdict {
            case .rejected(let reason, let detail):
                explain(.rejected, site, rules: ["date:\(m.rule)"], reason: reason, detail: detail)
            case .event(let cues, let nouns, _, let strength):
                // The event made in the array and finished there (a local one was copied in).
                pending.append(makeEvent(site: site, cues: cues, nouns: nouns, strength: strength))
                let k = pending.count - 1
                // "reporté au 15 décembre": the next date is the new one.
                if mi + 1 < ms.count, let moved = rescheduleTarget(i, site: site, next: ms[mi + 1]) {
                    pending[k].previousStart = pending[k].match.start
                    pending[k].match = moved
                    pending[k].status = .rescheduled
                    pending[k].rules.removeAll { $0.hasPrefix("status:postponed") }
                    pending[k].rules.append("status:rescheduled")
                    skip.insert(mi + 1)
                }
                explain(.accepted, site, rules: pending[k].rules)
                pending[k].explanations = [explanations.count - 1]
                if a.context.explain {
                    explanations[explanations.count - 1].start = pending[k].match.start.iso
                    explanations[explanations.count - 1].end = pending[k].match.end?.iso
                }
                explanations[explanations.count - 1].eventIndex = k
            }
        }
    }

    /// ``firstNounLabel(_:text:english:)`` of heading `h` for a block in English or not, the
    /// last heading's kept for the blocks below it (the items of an agenda list share their
    /// heading). Only the last: on the corpus each dated card has its own heading, and a
    /// dictionary of every heading's nouns cost more than it saved.
    private func nounOfHeading(_ h: Int, english: Bool) -> String? {
        if let last = lastHeadingNoun, last.heading == h, last.english == english { return last.noun }
        // The text read from the store (the computed `text` of the array's element copied
        // the whole block first).
        let found = EventAssembly.firstNounLabel(a.words[h], text: a.blocks[h].store.string, english: english)
        lastHeadingNoun = (h, english, found)
        return found
    }

    /// The label of the first hit of the cues in `words` that is a valid event noun
    /// (``EventJudge/isValidNoun(_:words:text:english:)``): the judge reads only the first.
    /// The hits after it are not looked for (``PhraseTable/firstHit(in:where:)``).
    static func firstNounLabel(_ words: [Word], text: String, english: Bool) -> String? {
        Cues.table.firstHit(in: words) { EventJudge.isValidNoun($0, words: words, text: text, english: english) }?.label
    }

    /// Every valid event noun's label in `words`, in order: the reference
    /// ``firstNounLabel(_:text:english:)`` is tested against (its first element).
    static func nounLabels(_ words: [Word], text: String, english: Bool) -> [String] {
        Cues.table.hits(in: words).filter { EventJudge.isValidNoun($0, words: words, text: text, english: english) }.map(\.label)
    }

    private static let agendaWords: Set<String> = ["agenda", "programme", "program", "evenements", "events", "upcoming",
                                                   "calendrier", "calendar", "venir", "rendez", "prochains", "prochaines"]

    private static func isAgendaHeading(_ words: [Word]) -> Bool {
        words.contains { EventAssembly.agendaWords.contains($0.norm) }
    }

    private func explain(_ outcome: ProseExplanation.Outcome, _ site: DateSite, rules: [String],
                                  reason: ProseRejection? = nil, detail: String? = nil) {
        guard a.context.explain else {
            explanations.append(ProseExplanation(outcome: outcome, span: "", sentence: "", location: "", language: nil, start: "",
                                                 end: nil, rules: rules, reason: reason, detail: detail))
            return
        }
        let b = a.blocks[site.block]
        explanations.append(ProseExplanation(
            outcome: outcome, span: site.match.text.collapsingSpaces(), sentence: String(b.text[site.sentence]).collapsingSpaces().shortened(to: 300),
            location: a.path(ofBlock: site.block), language: a.language(of: site.block), start: site.match.start.iso, end: site.match.end?.iso, rules: rules,
            reason: reason, detail: detail))
    }

    /// The date after "reporté au", "postponed to", when it follows right after.
    private func rescheduleTarget(_ i: Int, site: DateSite, next: DateMatch) -> DateMatch? {
        let w = a.words[i]
        let nextWords = a.wordRange(w, next.range)
        guard nextWords.lowerBound > site.dateWords.upperBound,
              site.sentence.contains(next.range.lowerBound) else { return nil }
        let between = Cues.table.hits(in: w, range: site.dateWords.upperBound..<nextWords.lowerBound)
        guard let h = between.last(where: { $0.payload == .rescheduled }), nextWords.lowerBound - h.end <= 1 else { return nil }
        return next
    }

    // MARK: - One event

    private func makeEvent(site: DateSite, cues: [String], nouns: [PhraseTable<Cue>.Hit], strength: Double) -> PendingEvent {
        let i = site.block
        var m = site.match
        var rules = ["date:\(m.rule)"]
        rules.append(yearRule(&m, site: site))
        if let timeRule = attachTime(&m, site: site) { rules.append(timeRule) }
        rules += cues
        let (title, titleRule, rank) = TitleChooser(a: a).title(site: site, nouns: nouns)
        rules.append(titleRule)
        var p = PendingEvent(site: site, match: m, language: a.language(of: i), rules: rules, strength: strength, title: title,
                             titleRank: rank, place: PlaceFinding())
        // The span first: most events last a day, and the title is then not split into words.
        p.umbrella = titleRule == "title:umbrella"
            || ((m.end.map { $0.date.dayNumber - m.start.date.dayNumber >= 2 } ?? false) && EventJudge.umbrellaHeads.contains(Words.split(title).first?.norm ?? ""))
        describePlaceAndStatus(&p)
        p.superEvent = partOf(site: site)
        if let superEvent = p.superEvent, Words.fold(superEvent) == Words.fold(p.title) { p.superEvent = nil }
        p.url = eventURL(i, title: title)
        let text = a.blocks[i].text
        p.description = !text.hasAtLeast(characters: 501) ? EventAssembly.linesJoined(text)
            : String(text[site.sentence]).collapsingSpaces().shortened(to: 500)
        return p
    }

    /// Applies the contextual year rule; returns the rule's name.
    private func yearRule(_ m: inout DateMatch, site: DateSite) -> String {
        guard m.yearInferred else { return "year:written" }
        let i = site.block
        let w = a.words[i]
        var scopes: [(words: [Word], range: Range<Int>, text: String, dates: [DateMatch], name: String)] = [
            (w, site.sentenceWords, a.blocks[i].text, a.matches[i], "sentence"),
        ]
        for s in a.sentences(of: i).reversed() where s.upperBound <= site.sentence.lowerBound {
            scopes.append((w, a.wordRange(w, s), a.blocks[i].text, a.matches[i], "earlier sentence"))
        }
        if let h = a.headingOf[i] {
            scopes.append((a.words[h], 0..<a.words[h].count, a.blocks[h].text, a.matches[h], "heading"))
        }
        for scope in scopes {
            let hasYear = scope.range.contains { k in
                let word = scope.words[k]
                return word.isNumber && word.norm.utf8.count == 4 && (Int(word.norm).map { $0 >= 1990 && $0 <= a.reference.year + 3 } ?? false)
                    && !scope.dates.contains { $0.range.overlaps(word.range) }
            }
            guard hasYear else { continue }
            if let y = ContextualYear.statedYear(in: scope.words, range: scope.range, text: scope.text, dates: scope.dates,
                                                 reference: a.reference) {
                if y == m.start.date.year { return "year:contextual(\(y), \(scope.name))" }
                if let moved = ContextualYear.move(m, to: y, zone: a.context.timeZone) {
                    m = moved
                    return "year:contextual(\(y), \(scope.name))"
                }
            }
            break
        }
        if a.publication == nil, let earlier = earlierWrittenDate(before: i) {
            // No publication date: a date written with its year above, in the same area, is the
            // page's context ("Du 2 au 30 novembre 2023" above a list of days).
            if let (d, _) = YearInference.infer(month: m.start.date.month, day: m.start.date.day, weekday: nil, reference: earlier) {
                if d.year == m.start.date.year { return "year:contextual(\(d.year), earlier date)" }
                if let moved = ContextualYear.move(m, to: d.year, zone: a.context.timeZone) {
                    m = moved
                    return "year:contextual(\(d.year), earlier date)"
                }
            }
        }
        return a.publication != nil ? "year:publication(\(a.reference.year))" : "year:fetch-date(\(a.reference.year))"
    }

    /// The start of the nearest date written with its year in an earlier block of the same area.
    private func earlierWrittenDate(before i: Int) -> CivilDate? {
        var j = i - 1
        while j >= 0 {
            if a.blocks[j].zone == a.blocks[i].zone, !a.bylines[j], let m = a.matches[j].last(where: { !$0.yearInferred }) {
                return m.start.date
            }
            j -= 1
        }
        return nil
    }

    private func times(_ i: Int) -> [TimeMatch] {
        let k = timesSlots[i]
        if k >= 0 { return timesMade[Int(k)] }
        let all: [TimeMatch]
        if let read = a.matches.times(at: i) {
            // A block with dates: its times were read with them.
            all = read
        } else if !a.blocks[i].store.withBytes({ DateEngine.mayHoldTime(utf8: $0) }) {
            // Asked of the block's bytes first: most blocks asked (the items below a date
            // heading) hold no digit and no named clock, and neither their language nor their
            // String is then needed (tokenizing them found nothing, 3,000 instructions a block).
            all = []
        } else {
            all = DateEngine.findTimes(in: a.blocks[i].text, language: a.dateLanguage(i))
        }
        let found = all.filter { t in !a.matches[i].contains { $0.range.overlaps(t.range) } }
        timesSlots[i] = Int32(timesMade.count)
        timesMade.append(found)
        return found
    }

    private static let timeCues: Set<String> = ["a", "de", "des", "vers", "at", "from", "entre", "between", "partir", "starting",
                                                "horaire", "horaires", "heure", "time", "debut", "des"]

    /// A time in the date's sentence (or alone in the block) given to a whole-day date.
    private func attachTime(_ m: inout DateMatch, site: DateSite) -> String? {
        guard m.kind == .date, case .day(let day) = m.start else { return nil }
        let i = site.block
        let all = times(i)
        let inSentence = all.filter { site.sentence.contains($0.range.lowerBound) }
        let chosen: TimeMatch?
        if inSentence.count == 1 { chosen = inSentence[0] }
        else if inSentence.isEmpty, all.count == 1, a.matches[i].count == 1 { chosen = all[0] }
        else { chosen = nil }
        guard let t = chosen, hasTimeCue(t, block: i) else { return nil }
        m.start = .time(place(t.start, on: day, offset: t.utcOffset))
        if let end = t.end { m.end = .time(place(end, on: t.endIsNextDay ? day.adding(days: 1) : day, offset: t.utcOffset)) }
        return "time:nearby(\(t.text.collapsingSpaces()))"
    }

    private func hasTimeCue(_ t: TimeMatch, block i: Int) -> Bool {
        if t.end != nil { return true }
        let text = a.blocks[i].text
        let before = text[..<t.range.lowerBound]
        if let last = before.last(where: { !$0.isWhitespace }), ":,|(–—-•".contains(last) { return true }
        if before.allSatisfy(\.isWhitespace) || before.hasSuffix("\n") { return true }
        let w = a.words[i]
        guard let k = w.lastIndex(where: { $0.range.upperBound <= t.range.lowerBound }) else { return true }
        return EventAssembly.timeCues.contains(w[k].norm)
    }

    private func place(_ time: TimeOfDay, on day: CivilDate, offset: Int?) -> LocalDateTime {
        guard let offset else { return time.on(day, in: a.context.timeZone) }
        let stated = LocalDateTime(date: day, hour: time.hour, minute: time.minute, utcOffset: offset)
        return LocalDateTime(stated.instant, in: a.context.timeZone)
    }

    /// "Mardi 8 novembre" above "14h-17h : atelier …": the item takes the date above.
    private func carryHeaderDate(_ i: Int) {
        guard let h = dateHeader(above: i), let hm = a.matches[h].first, hm.kind == .date, case .day(let day) = hm.start else { return }
        guard let t = times(i).first, hasTimeCue(t, block: i) else { return }
        usedHeaders.insert(h)
        let w = a.words[i]
        let text = a.blocks[i].text
        let hasLeadIn = a.blocks[i].leadIn != nil
        let english = a.language(of: i) == "en"
        let hits = Cues.table.hits(in: w)
        let nouns = hits.filter { EventJudge.isValidNoun($0, words: w, text: text, english: english) }
        let negative = hits.contains { [.hours, .closure, .deadlineTopic, .internalPast, .recruitment].contains($0.payload) }
        let hasCue = !nouns.isEmpty || hits.contains { $0.payload == .announce } || hasLeadIn || a.blocks[i].agenda
        guard hasCue, !negative else { return }
        var m = hm
        m.range = t.range
        m.text = "\(hm.text.collapsingSpaces()) + \(t.text.collapsingSpaces())"
        m.start = .time(place(t.start, on: day, offset: t.utcOffset))
        m.end = t.end.map { .time(place($0, on: t.endIsNextDay ? day.adding(days: 1) : day, offset: t.utcOffset)) }
        m.kind = t.end == nil ? .dateTime : .timeRangeOnDate
        m.rule = "dateFromAbove(\(a.path(ofBlock: h)))+time"
        let all = 0..<w.count
        let site = DateSite(block: i, match: m, sentence: text.startIndex..<text.endIndex, sentenceWords: all,
                            dateWords: a.wordRange(w, t.range), window: all)
        var cues = nouns.prefix(2).map { "cue:noun(\($0.label))" }
        if cues.isEmpty { cues = [hasLeadIn ? "cue:lead-in" : "cue:agenda"] }
        var p = makeEvent(site: site, cues: cues, nouns: nouns, strength: nouns.isEmpty ? 0.1 : 0.25)
        p.rules.removeAll { $0.hasPrefix("year:") || $0.hasPrefix("time:") }
        p.rules.insert(hm.yearInferred ? "year:\(a.publication != nil ? "publication" : "fetch-date")" : "year:written", at: 1)
        explain(.accepted, site, rules: p.rules)
        p.explanations = [explanations.count - 1]
        explanations[explanations.count - 1].eventIndex = pending.count
        pending.append(p)
    }

    /// A date heading whose date went to the items below it is not an event of its own.
    private func dropUsedDateHeaders() {
        guard !usedHeaders.isEmpty else { return }
        var kept: [PendingEvent] = []
        for p in pending {
            if usedHeaders.contains(p.site.block), p.site.match.rule.hasPrefix("dateFromAbove") == false {
                for e in p.explanations {
                    explanations[e].outcome = .rejected
                    explanations[e].reason = .noEventCue
                    explanations[e].detail = "a date heading: the items below carry its date"
                    explanations[e].eventIndex = nil
                }
            } else {
                kept.append(p)
            }
        }
        pending = kept
    }

    private func dateHeader(above i: Int) -> Int? {
        var j = i - 1
        while j >= 0, i - j <= 30 {
            // The block's fields read in place: this walks up to 30 blocks for every block
            // without a date, and copying each block was most of it.
            if a.blocks[j].zone != .main { return nil }
            let dates = a.matches.count(at: j)
            if dates == 1 {
                let m = a.matches[j][0]
                let dw = a.wordRange(a.words[j], m.range)
                let others = a.words[j].indices.filter { !dw.contains($0) && !["le", "la", "du", "on", "the", "l"].contains(a.words[j][$0].norm) }
                return others.count <= 2 && !a.blocks[j].text.hasAtLeast(characters: 61) ? j : nil
            }
            if dates > 0 || a.blocks[j].isHeading { return nil }
            j -= 1
        }
        return nil
    }

    // MARK: - Place, status, links

    private static let placeLabels: Set<String> = ["lieu", "lieux", "adresse", "ou", "where", "venue", "location", "place", "address"]

    /// The slots (first byte, length) of ``placeLabels``.
    private static let placeLabelSlots: [Bool] = {
        var slots = [Bool](repeating: false, count: 256 * 32)
        for label in placeLabels { slots[PhraseTable<Cue>.slot(label)] = true }
        return slots
    }()

    /// False when the first word of the text (`Words.split(text).first`) is surely not in
    /// ``placeLabels``: there is none, or its slot is none of theirs.
    static func mayStartWithPlaceLabel(_ store: BlockTextStore) -> Bool {
        guard let first = store.withBytes({ Words.firstWord($0) }) else { return false }
        return placeLabelSlots[Int(first.firstByte) &* 32 &+ first.length]
    }

    private func describePlaceAndStatus(_ p: inout PendingEvent) {
        let i = p.site.block
        // The block's fields read in place (a copy of the block was made per event).
        let text = a.blocks[i].text
        let zone = a.blocks[i].zone
        let w = a.words[i]
        var placeLineWords: [Word] = []
        var place = PlaceFinder.find(in: text, words: w, range: p.site.sentenceWords)
        if place.isEmpty, a.blocks[i].kind != .paragraph || w.count <= 60 {
            place = PlaceFinder.find(in: text, words: w, range: 0..<w.count)
        }
        // "…, Lorient" closing a list item.
        if place.locality == nil, let town = itemEndTown(i) {
            place.locality = town
            place.rules.append("place:item-end")
        }
        // "Lieu : …" near the date, in the same section.
        for j in max(0, i - 3)...min(a.blocks.count - 1, i + 4) where j != i && a.blocks[j].zone == zone {
            if j > i && a.blocks[j].isHeading { break }
            // Both tests below want a first word that is a place label: a block whose first
            // word cannot be one (by its first byte and length) is not split for them.
            guard EventAssembly.mayStartWithPlaceLabel(a.blocks[j].store) else { continue }
            let lw = a.words[j]
            // A label alone ("Lieu", as Drupal prints field labels), its value in the next block.
            if lw.count == 1, EventAssembly.placeLabels.contains(lw[0].norm), j + 1 < a.blocks.count, j + 1 != i {
                place.fill(from: PlaceFinder.fromPlaceLine(a.blocks[j + 1].text))
                placeLineWords += a.words[j + 1]
                break
            }
            guard let first = lw.first, EventAssembly.placeLabels.contains(first.norm), a.blocks[j].text.prefix(10).contains(":") else { continue }
            var labelled = PlaceFinder.find(in: a.blocks[j].text, words: lw, range: 0..<lw.count)
            if labelled.name == nil, let colon = a.blocks[j].text.firstIndex(of: ":") {
                let rest = a.blocks[j].text[a.blocks[j].text.index(after: colon)...]
                let name = rest.split(whereSeparator: { $0 == "," || $0 == "\n" }).first.map { String($0).collapsingSpaces() }
                if let name, !name.isEmpty, !(name.first?.isNumber ?? true) { labelled.name = name }
            }
            labelled.rules.append("place:labelled")
            place.fill(from: labelled)
            break
        }
        // The place line of the same agenda item or card.
        if place.isEmpty || place.locality == nil {
            for j in a.groupMembers(i) where j != i && a.blocks[j].placeHint {
                let line = PlaceFinder.fromPlaceLine(a.blocks[j].text)
                place.fill(from: line)
                placeLineWords += a.words[j]
            }
        }
        let hits = Cues.table.hits(in: w, range: p.site.window) + Cues.table.hits(in: placeLineWords)
        let online = hits.contains { $0.payload == .online || $0.label.hasPrefix("webinar") || $0.label.hasPrefix("webinaire") }
        let inPerson = hits.contains { $0.payload == .inPerson }
        let hybrid = hits.contains { $0.payload == .hybrid }
        if hybrid || (online && (inPerson || place.name != nil || place.locality != nil)) {
            p.attendance = .mixed
        } else if online {
            p.attendance = .online
        } else if inPerson || place.name != nil || place.locality != nil || place.address != nil {
            p.attendance = .offline
        }
        let days = p.match.end.map { $0.date.dayNumber - p.match.start.date.dayNumber } ?? 0
        if place.locality == nil, place.region == nil, p.attendance != .online, days <= 2, let town = pageLocality() {
            place.locality = town
            place.rules.append("place:page-locality")
            p.placeFromPage = true
        }
        p.place = place
        p.rules += place.rules
        if let a = p.attendance { p.rules.append("attendance:\(a.rawValue)") }
        let sentenceHits = hits
        if sentenceHits.contains(where: { $0.payload == .cancelled }) {
            p.status = .cancelled
        } else if sentenceHits.contains(where: { $0.payload == .movedOnline }) {
            p.status = .movedOnline
        } else if sentenceHits.contains(where: { $0.payload == .postponed || $0.payload == .rescheduled }) {
            p.status = .postponed
        }
        if p.status != .scheduled { p.rules.append("status:\(p.status.rawValue)") }
        if sentenceHits.contains(where: { $0.payload == .full }) {
            p.keywords.append("complet")
            p.rules.append("status:full")
        }
    }

    /// "…, Lorient" closing a list item or table row.
    private func itemEndTown(_ i: Int) -> String? {
        guard a.blocks[i].kind == .listItem || a.blocks[i].kind == .tableRow else { return nil }
        let text = a.blocks[i].text
        guard let last = text.split(whereSeparator: { ",–—|".contains($0) }).last, last.count < text.count else { return nil }
        return PlaceFinder.town(last)
    }

    /// The text's line breaks as spaces; Foundation only when there is one (most blocks hold
    /// none, and the search cost more than the rest of the description).
    private static func linesJoined(_ text: String) -> String {
        guard UTF8Bytes.contains(text, byte: 0x0A) else { return text }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    private func pageLocality() -> String? {
        if let known = pageLocalityCache { return known }
        let town = findPageLocality()
        pageLocalityCache = .some(town)
        return town
    }

    /// The one town the main content names, if it names exactly one.
    private func findPageLocality() -> String? {
        var towns: Set<String> = []
        for i in a.blocks.indices where a.blocks[i].zone == .main {
            let w = a.words[i]
            guard !w.isEmpty else { continue }
            if let town = PlaceFinder.find(in: a.blocks[i].text, words: w, range: 0..<w.count).locality { towns.insert(town) }
            if let town = itemEndTown(i) { towns.insert(town) }
            if towns.count > 1 { return nil }
        }
        return towns.first
    }

    /// "dans le cadre du Mois de l'innovation publique 2021", "as part of the … Month".
    private func partOf(site: DateSite) -> String? {
        let i = site.block
        let w = a.words[i]
        let text = a.blocks[i].text
        let hits = Cues.table.hits(in: w, range: site.sentenceWords)
        for h in hits where h.payload == .partOf {
            for n in hits where n.start >= h.end && n.start - h.end <= 4 {
                guard case .eventNoun = n.payload else { continue }
                let np = NounPhrase.around(n.start..<n.end, in: text, words: w, limit: h.end..<site.sentenceWords.upperBound,
                                           english: a.language(of: i) == "en")
                if np.complementWords > 0 || np.start < n.start { return np.title }
            }
        }
        return nil
    }

    /// The event's own link (the item's link in an agenda list), else the page's URL.
    private func eventURL(_ i: Int, title: String) -> String? {
        // The block's fields read in place (a copy of the block was made per event).
        var link = a.blocks[i].link, linkText = a.blocks[i].linkText
        if link == nil, let j = a.groupMembers(i).first(where: { a.blocks[$0].link != nil }) {
            link = a.blocks[j].link
            linkText = a.blocks[j].linkText
        }
        let own: Bool
        if let lt = linkText {
            let kind = a.blocks[i].kind
            own = kind == .listItem || kind == .tableRow || a.blocks[i].agenda || Words.fold(lt) == Words.fold(title)
        } else {
            own = false
        }
        guard own, let href = link else { return a.context.pageURL }
        if let base = pageBase {
            // A plain absolute http(s) link ignores the base: what Foundation would give it
            // back as, without parsing it (URLResolver's fast path).
            if let plain = URLResolver.plain(href) { return plain }
            if let url = URL(string: href, relativeTo: base) { return url.absoluteString }
        }
        return URL(string: href)?.scheme != nil ? href : a.context.pageURL
    }
}

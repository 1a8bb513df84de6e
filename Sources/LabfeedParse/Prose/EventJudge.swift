// The decision for one date: an event, or not and why. Precision first: a date is an event only
// when a gathering is named or announced near it (in its sentence, else the heading, bold
// lead-in or agenda list it sits in), and no stronger sign says it is a publication date, a
// deadline, opening hours, a closure, an internal meeting or decision, the story of a place, a
// newsletter issue or a step of a job offer. Negative and positive words compete by distance
// to the date: the nearer wins ("le comité s'est réuni le 8 novembre pour préparer l'atelier du
// 15 décembre": the 8th is internal, the 15th a workshop).

import LabfeedDates

/// What the judge needs to know about one date.
struct DateSite {
    var block: Int
    var match: DateMatch
    /// The sentence (or sentences) the date is in.
    var sentence: Range<String.Index>
    var sentenceWords: Range<Int>
    var dateWords: Range<Int>
    /// Where positive cues were looked for (the sentence, or the block for a date alone).
    var window: Range<Int>
}

enum Verdict {
    case event(cues: [String], nouns: [PhraseTable<Cue>.Hit], announce: Bool, strength: Double)
    case rejected(ProseRejection, String)
}

enum EventJudge {
    static let months: Set<String> = [
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
        "decembre", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "dernier", "prochain", "last", "next", "en", "cours",
    ]
    static let umbrellaHeads: Set<String> = ["mois", "semaine", "semaines", "quinzaine", "quinzaines", "month", "week",
                                             "fortnight", "printemps", "automne", "festival", "festivals", "fete", "biennale"]

    /// Whether an event noun hit is a real cue: an umbrella noun needs a name ("mois de
    /// l'innovation", not "mois de novembre"); English "day" needs a capitalised name.
    static func isValidNoun(_ h: PhraseTable<Cue>.Hit, words: [Word], text: String, english: Bool) -> Bool {
        guard case .eventNoun(let kind) = h.payload else { return false }
        let head = words[h.start]
        if kind == .umbrella || (umbrellaHeads.contains(head.norm) && h.end - h.start == 1) {
            let np = NounPhrase.around(h.start..<h.end, in: text, words: words, limit: h.start..<words.count, english: english)
            if let first = np.complementNorms.first { return !months.contains(first) }
            return np.start < h.start || head.capitalised
        }
        if head.norm == "day" || head.norm == "days" {
            return head.capitalised || (h.start > 0 && words[h.start - 1].capitalised)
        }
        return true
    }

    static func distance(_ h: PhraseTable<Cue>.Hit, _ date: Range<Int>) -> Int {
        h.end <= date.lowerBound ? date.lowerBound - h.end : max(0, h.start - date.upperBound)
    }

    private static let strongDeadline: Set<String> = [
        "date limite", "date limite de candidature", "date limite de depot", "date limite d inscription", "limite",
        "deadline", "deadlines", "cloture", "cloture le", "closing date", "echeance", "no later than", "au plus tard", "au plus tard le",
    ]

    /// Judges one date of a block in `zone` whose text is `text` and words `words`.
    /// `headingNoun` and `leadInNoun` give the first event noun of the block's heading and bold
    /// lead-in: they are asked for only when the date's own sentence names no gathering.
    static func judge(_ site: DateSite, zone: ProseZone, text: String, english: Bool, words: [Word], isByline: Bool,
                      headingNoun: () -> String?, leadInNoun: () -> String?, agendaContext: Bool, labelledDate: Bool) -> Verdict {
        if let r = zone.rejection { return .rejected(r, "in the \(zone.rawValue) area") }
        if isByline { return .rejected(.publicationDate, "byline") }
        let m = site.match
        let dw = site.dateWords
        let sw = site.sentenceWords
        let before = max(sw.lowerBound, dw.lowerBound - 6)..<dw.lowerBound
        let after = dw.upperBound..<min(sw.upperBound, dw.upperBound + 4)
        let beforeHits = Cues.table.hits(in: words, range: before)
        let afterHits = Cues.table.hits(in: words, range: after)
        func gapBefore(_ h: PhraseTable<Cue>.Hit) -> Int {
            // Words between the hit and the date, not counting "le", "la", "the", "du", "on".
            (h.end..<dw.lowerBound).filter { !["le", "la", "l", "the", "du", "on", "au", "a", "de"].contains(words[$0].norm) }.count
        }

        // Local signs right before or after the date.
        if let h = beforeHits.last(where: { $0.payload == .publication }), gapBefore(h) <= (h.label == "publication" ? 1 : 3),
           !beforeHits.contains(where: { $0.start >= h.end && { if case .eventNoun = $0.payload { true } else { false } }($0) }) {
            return .rejected(.publicationDate, h.label)
        }
        if let h = beforeHits.last(where: { $0.payload == .newsletter }), gapBefore(h) <= 3 {
            return .rejected(.newsletterIssue, h.label)
        }
        if dw.lowerBound > 0, text[..<m.range.lowerBound].suffix(12).contains("n°") {
            return .rejected(.newsletterIssue, "n°")
        }
        if let h = beforeHits.last(where: { $0.payload == .deadlineBefore }),
           strongDeadline.contains(h.label) ? gapBefore(h) <= 3 : gapBefore(h) == 0 {
            return .rejected(.deadline, h.label)
        }
        if let h = afterHits.first(where: { $0.payload == .deadlineBefore && strongDeadline.contains($0.label) }),
           h.start - dw.upperBound <= 2 {
            return .rejected(.deadline, h.label)
        }
        let hits = Cues.table.hits(in: words, range: site.window).filter { $0.end <= dw.lowerBound || $0.start >= dw.upperBound }
        let sentenceHits = hits.filter { $0.start >= sw.lowerBound && $0.end <= sw.upperBound }
        if m.bound == .until {
            let registration = words[sw].contains { $0.norm.hasPrefix("inscri") || $0.norm.hasPrefix("regist") }
            if registration || sentenceHits.contains(where: { $0.payload == .deadlineTopic }) {
                return .rejected(.deadline, "until … (registration or application)")
            }
            return .rejected(.openEndOnly, "until …")
        }
        if let h = beforeHits.last(where: { $0.payload == .hours }), gapBefore(h) <= 4 { return .rejected(.openingHours, h.label) }
        if let h = beforeHits.last(where: { $0.payload == .closure }), gapBefore(h) <= 4 { return .rejected(.closure, h.label) }
        if let h = beforeHits.last(where: { $0.payload == .story }), gapBefore(h) <= 1 { return .rejected(.story, h.label) }

        // Cues of the sentence (or block), by distance.
        let nouns = hits.filter { isValidNoun($0, words: words, text: text, english: english) }
        let specific = nouns.filter {
            if case .eventNoun(.specific) = $0.payload { return true }
            if case .eventNoun(.umbrella) = $0.payload { return true }
            return false
        }
        let announce = hits.filter { $0.payload == .announce }
        let positives = nouns + announce
        let nearestPositive = positives.map { distance($0, dw) }.min() ?? Int.max
        let nearestSpecific = specific.map { distance($0, dw) }.min() ?? Int.max

        func nearest(_ cue: Cue) -> PhraseTable<Cue>.Hit? {
            sentenceHits.filter { $0.payload == cue }.min { distance($0, dw) < distance($1, dw) }
        }
        if let h = nearest(.internalPast), distance(h, dw) < nearestSpecific {
            return .rejected(.pastInternalMeeting, h.label)
        }
        if let body = nearest(.internalBody), let meeting = nearest(.meeting),
           min(distance(body, dw), distance(meeting, dw)) < nearestSpecific {
            return .rejected(.internalMeeting, "\(meeting.label) · \(body.label)")
        }
        if let h = nearest(.story), h.label.contains("ete") || h.label.hasPrefix("was"), distance(h, dw) < nearestPositive {
            return .rejected(.story, h.label)
        }
        if let h = nearest(.hours), distance(h, dw) < nearestSpecific { return .rejected(.openingHours, h.label) }
        if let h = nearest(.closure), distance(h, dw) < nearestPositive { return .rejected(.closure, h.label) }
        if let h = nearest(.deadlineTopic), distance(h, dw) < nearestSpecific { return .rejected(.deadline, h.label) }
        if let h = nearest(.recruitment), distance(h, dw) < nearestSpecific { return .rejected(.recruitment, h.label) }
        if let h = nearest(.newsletter), h.label != "la lettre", distance(h, dw) < nearestSpecific, nearestSpecific == Int.max {
            return .rejected(.newsletterIssue, h.label)
        }
        // "Retour sur …" listed with its date: the report's date, unless the date belongs to
        // the event named ("Retour sur l'atelier du 8 novembre").
        let opening = Cues.table.hits(in: words, range: 0..<min(words.count, 4))
        if let h = opening.first(where: { $0.payload == .reportTitle }) {
            let attached = nouns.contains { $0.end <= dw.lowerBound && dw.lowerBound - $0.end <= 2 }
            if !attached { return .rejected(.reportListing, h.label) }
        }

        var cues: [String] = []
        cues += nouns.sorted { distance($0, dw) < distance($1, dw) }.prefix(2).map { "cue:noun(\($0.label))" }
        cues += announce.prefix(1).map { "cue:verb(\($0.label))" }
        var strength = 0.0
        if !specific.isEmpty { strength += 0.3 } else if !nouns.isEmpty { strength += 0.2 }
        if !announce.isEmpty { strength += 0.15 }
        if cues.isEmpty {
            if let n = leadInNoun() { cues.append("cue:lead-in(\(n))"); strength += 0.2 }
            else if let n = headingNoun() { cues.append("cue:heading(\(n))"); strength += 0.15 }
            else if labelledDate { cues.append("cue:date-field"); strength += 0.15 }
            else if agendaContext { cues.append("cue:agenda"); strength += 0.1 }
        }
        guard !cues.isEmpty else { return .rejected(.noEventCue, "no gathering named or announced") }
        return .event(cues: cues, nouns: nouns, announce: !announce.isEmpty, strength: strength)
    }
}

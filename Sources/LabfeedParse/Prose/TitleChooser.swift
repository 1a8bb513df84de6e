// The title of an event found in prose, best source first: a quoted title after the event noun
// ("la table ronde « … »"); the block's bold lead-in; the link of an agenda item; the event
// noun phrase ("Journée nationale des Labs"); the umbrella season for a long range ("Mois de
// l'innovation publique"); what is left of a list item without its date; the nearest heading;
// the page title; the sentence without its date. Never a whole paragraph; at most 120 characters.

import LabfeedDates

struct TitleChooser {
    let a: ProseAnalysis

    private static let genericHeadingWords: Set<String> = [
        "programme", "program", "agenda", "a", "venir", "prochains", "prochaines", "prochain", "evenements", "evenement",
        "events", "event", "upcoming", "infos", "informations", "pratiques", "dates", "date", "calendrier", "calendar",
        "actualites", "actualite", "news", "au", "le", "la", "les", "des", "du", "nos", "our", "et", "and", "rendez", "vous",
        "en", "bref", "ce", "mois", "cette", "semaine", "ci", "this", "week", "month", "de", "what", "s", "on", "l",
        "lab", "labo", "laboratoire", "blog", "accueil", "home", "articles", "article", "publications", "presse", "communiques",
        "communique", "infos", "info", "a", "la", "une", "latest", "derniers", "dernieres", "nouvelles", "at", "in", "du",
        "the", "coming", "soon", "next", "prochainement",
    ]
    private static let genericLinks: Set<String> = ["lire la suite", "en savoir plus", "read more", "plus d infos", "voir",
                                                    "details", "inscription", "s inscrire", "register", "ici", "here", "lien"]

    /// The title, the rule that chose it, and its rank (lower is better, for merging).
    func title(site: DateSite, nouns: [PhraseTable<Cue>.Hit]) -> (String, String, Int) {
        let i = site.block
        // The block's fields read in place (a copy of the block was made per event).
        let text = a.blocks[i].text
        let leadIn = a.blocks[i].leadIn
        let linkText = a.blocks[i].linkText
        let kind = a.blocks[i].kind
        let w = a.words[i]
        let english = a.language(of: i) == "en"
        let dw = site.dateWords
        func rank(_ h: PhraseTable<Cue>.Hit) -> Int {
            switch h.payload {
            case .eventNoun(.specific): 0
            case .eventNoun(.umbrella): 1
            default: 2
            }
        }
        let sorted = nouns.sorted {
            (rank($0), EventJudge.distance($0, dw)) < (rank($1), EventJudge.distance($1, dw))
        }
        let phrases = sorted.map { NounPhrase.around($0.start..<$0.end, in: text, words: w, limit: site.window, english: english) }
        if let quoted = phrases.first(where: { $0.quoted != nil }) {
            return (clip(quoted.title), "title:quoted", 0)
        }
        // (Lengths are counted in characters only when the bytes do not settle it: at most one
        // character per byte.)
        if let lead = leadIn, lead.utf8.count <= 120 || lead.count <= 120, !isMostlyDate(lead, block: i) {
            return (clip(lead.trimmingTrailingPunctuation()), "title:lead-in", 1)
        }
        if kind == .listItem || kind == .tableRow || a.blocks[i].agenda, let lt = linkText,
           !isMostlyDate(lt, block: i), !TitleChooser.genericLinks.contains(Words.fold(lt).replacingApostrophes) {
            return (clip(stripDate(lt, block: i)), "title:link", 1)
        }
        // An agenda item or card whose date line stands apart from its title line.
        if a.blocks[i].group != nil, isMostlyDate(text, block: i, words: w, dates: knownDates(i)) {
            for j in a.groupMembers(i) where j != i && !a.blocks[j].placeHint && a.matches[j].isEmpty {
                let candidate = a.blocks[j].leadIn ?? a.blocks[j].linkText ?? a.blocks[j].text
                if candidate.hasAtLeast(characters: 3), !candidate.hasAtLeast(characters: 161), !isMostlyDate(candidate, block: j) {
                    return (clip(candidate.trimmingTrailingPunctuation()), "title:item", 1)
                }
            }
        }
        let heading = usableHeading(i)
        let specificPhrases = zip(sorted, phrases).filter { rank($0.0) == 0 }
        func isNamed(_ hit: PhraseTable<Cue>.Hit, _ np: NounPhrase) -> Bool {
            np.complementWords > 0 || np.start < hit.start || np.text.dropFirst().contains(where: \.isUppercase)
        }
        if let (hit, np) = specificPhrases.first(where: { isNamed($0.0, $0.1) }) ?? specificPhrases.first {
            let named = isNamed(hit, np)
            if named || heading == nil { return (clip(np.title), "title:noun-phrase", named ? 2 : 4) }
            if let heading { return (clip(heading), "title:heading", 3) }
        }
        // A generic noun with a proper name: "Innovation Day", "journée du numérique responsable".
        if let (_, np) = zip(sorted, phrases).first(where: { hit, np in
            rank(hit) == 2 && (np.start < hit.start || np.complementWords >= 1) && np.text.hasAtLeast(characters: 8)
        }) {
            return (clip(np.title), "title:noun-phrase", 3)
        }
        if let umbrella = umbrellaName(site: site) {
            return (clip(umbrella), "title:umbrella", 2)
        }
        if let np = phrases.first(where: { $0.complementWords >= 2 }) {
            return (clip(np.title), "title:noun-phrase", 3)
        }
        if kind == .listItem || kind == .tableRow {
            let rest = stripDate(text, block: i)
            if rest.hasAtLeast(characters: 3), !rest.hasAtLeast(characters: 121) { return (rest, "title:list-item", 3) }
        }
        if let heading { return (clip(heading), "title:heading", 3) }
        if let page = a.pageTitle, !page.isEmpty { return (clip(page), "title:page", 5) }
        let sentence = String(text[site.sentence])
        return (clip(stripDate(sentence, block: i)), "title:sentence", 6)
    }

    /// The nearest heading above, unless it is generic ("Programme", "Agenda") or only a date.
    private func usableHeading(_ i: Int) -> String? {
        guard let h = a.headingOf[i] else { return nil }
        let words = a.words[h]
        let dateWords = a.matches[h].reduce(into: Set<Int>()) { set, m in set.formUnion(a.wordRange(words, m.range)) }
        let meaningful = words.indices.filter { !dateWords.contains($0) && !TitleChooser.genericHeadingWords.contains(words[$0].norm) && !words[$0].isNumber }
        guard !meaningful.isEmpty else { return nil }
        var title = stripDate(a.blocks[h].text, block: h)
        // A report's heading names the event after "Retour sur", "Compte rendu :".
        let hits = Cues.table.hits(in: words, range: 0..<min(words.count, 3))
        if let r = hits.first(where: { $0.payload == .reportTitle }), r.start == 0, r.end < words.count {
            title = String(a.blocks[h].text[words[r.end].range.lowerBound...]).trimmingLeadingPunctuation().capitalisedFirst
        }
        return title
    }

    /// An umbrella season named near a long range: in the sentence, the block, the heading, the page title.
    private func umbrellaName(site: DateSite) -> String? {
        let i = site.block
        var scopes: [(String, [Word], Range<Int>, String)] = [(a.blocks[i].text, a.words[i], site.sentenceWords, a.language(of: i))]
        scopes.append((a.blocks[i].text, a.words[i], 0..<a.words[i].count, a.language(of: i)))
        if let h = a.headingOf[i] { scopes.append((a.blocks[h].text, a.words[h], 0..<a.words[h].count, a.language(of: h))) }
        var k = i - 1
        while k >= 0, i - k <= 6 {
            if a.blocks[k].zone == .main, !a.blocks[k].isHeading { scopes.append((a.blocks[k].text, a.words[k], 0..<a.words[k].count, a.language(of: k))) }
            k -= 1
        }
        if let page = a.pageTitle {
            let pw = Words.split(page)
            scopes.append((page, pw, 0..<pw.count, a.language(of: i)))
        }
        for (text, words, range, language) in scopes {
            for h in Cues.table.hits(in: words, range: range) {
                guard case .eventNoun = h.payload, EventJudge.umbrellaHeads.contains(words[h.start].norm)
                        || (h.end - h.start > 1 && EventJudge.umbrellaHeads.contains(words[h.end - 1].norm)) else { continue }
                guard EventJudge.isValidNoun(h, words: words, text: text, english: language == "en") else { continue }
                let np = NounPhrase.around(h.start..<h.end, in: text, words: words, limit: range, english: language == "en")
                if np.complementWords > 0 || np.start < h.start { return np.title }
            }
        }
        return nil
    }

    /// `words`, when given, are the words of `text` (the block's own, already split); `dates`,
    /// when given, are the date expressions the date engine finds in `text` in this block's
    /// context (the analysis's, from ``knownDates(_:)``): the words outside them are counted
    /// first, and only times are looked for when more than one is left.
    func isMostlyDate(_ text: String, block: Int, words known: [Word]? = nil, dates knownDates: [DateMatch]? = nil) -> Bool {
        // Every date and time expression has a digit (or "midi", which is never alone a date).
        guard text.utf8.count <= 160, ProseAnalysis.hasDigit(text) else { return false }
        let words = known ?? Words.split(text)
        let language = a.dateLanguage(block)
        if let knownDates {
            let outside = words.filter { w in !knownDates.contains { $0.range.overlaps(w.range) } }
            // Times only take words away: one word or none outside the dates settles it.
            guard outside.count > 1 else { return true }
            let times = DateEngine.findTimes(in: text, language: language)
            return outside.lazy.filter { w in !times.contains { $0.range.overlaps(w.range) } }.prefix(2).count <= 1
        }
        // One tokenization and one language lookup for both searches (each was done twice).
        let dc = DateContext(language: language, reference: a.reference)
        let (dates, times) = DateEngine.findDatesAndTimes(in: text, context: dc)
        let rest = words.filter { w in !dates.contains { $0.range.overlaps(w.range) } && !times.contains { $0.range.overlaps(w.range) } }
        return rest.count <= 1
    }

    /// The analysis's dates of block `i` when they are what the date engine gives its text
    /// against today's reference (`a.reference`), else nil. They are read once against the
    /// reference known then; when a byline's date becomes the publication date afterwards
    /// (`ProseAnalysis.publicationFoundAfterDates`), only the blocks
    /// with an inferred year are read again: another block's dates may have been read against
    /// the fetch day, and are not reused. (The time zone and `referenceIsPublication` of the
    /// analysis's context change no range: TitleDateReuseTests.)
    func knownDates(_ i: Int) -> [DateMatch]? {
        if a.publicationFoundAfterDates, !a.matches[i].contains(where: \.yearInferred) { return nil }
        return a.matches[i]
    }

    /// `text` without its date and time expressions and the separators around them.
    func stripDate(_ text: String, block: Int) -> String {
        guard ProseAnalysis.hasDigit(text) else {
            return text.collapsingSpaces().trimmingLeadingPunctuation().trimmingTrailingPunctuation().capitalisedFirst
        }
        let dc = DateContext(language: a.dateLanguage(block), reference: a.reference)
        let (dates, times) = DateEngine.findDatesAndTimes(in: text, context: dc)
        var spans = dates.map(\.range)
        spans += times.map(\.range)
        spans.sort { $0.lowerBound < $1.lowerBound }
        var out = ""
        var cursor = text.startIndex
        for s in spans where s.lowerBound >= cursor {
            out += text[cursor..<s.lowerBound]
            out += " "
            cursor = s.upperBound
        }
        out += text[cursor...]
        var cleaned = out.collapsingSpaces().trimmingLeadingPunctuation().trimmingTrailingPunctuation()
        for lead in ["Le ", "Les ", "Ce ", "On ", "Du ", "Dès ", "À ", "Au ", "le ", "les ", "on ", "du ", ", "] where cleaned.hasPrefix(lead) {
            cleaned = String(cleaned.dropFirst(lead.count)).trimmingLeadingPunctuation()
        }
        return cleaned.capitalisedFirst
    }

    private func clip(_ s: String) -> String {
        s.collapsingSpaces().shortened(to: 120)
    }
}

extension String {
    /// Apostrophes read as spaces, as words split them.
    var replacingApostrophes: String {
        String(map { $0 == "'" || $0 == "’" ? " " : $0 })
    }
}

// Noun phrases around an event noun or a place word: the noun, its adjectives and complements
// ("Journée nationale des Labs", "Maison de la Région"), capitalised words before it in English
// ("Public Innovation Month"), and a quoted title right after ("table ronde « … »",
// 'round-table entitled "…"'). Heuristics on folded words, no dictionary of the language.

struct NounPhrase {
    /// The phrase as written (spaces collapsed), and the quoted title when one follows.
    var text: String
    var quoted: String?
    /// The quote marks as written around `quoted`.
    var quoteMarks: (Character, Character) = ("«", "»")
    /// Word indices covered (the quote excluded).
    var start: Int
    var end: Int
    /// Words after the head noun that the phrase kept.
    var complementWords: Int
    /// Folded words of the complement, for checks ("mois de novembre" is a month, not a name).
    var complementNorms: [String]

    static let prepositions: Set<String> = ["de", "du", "des", "d", "of", "sur", "for", "on", "en", "pour"]
    static let articles: Set<String> = ["la", "le", "les", "l", "the", "un", "une", "a", "an"]
    static let stops: Set<String> = [
        "est", "sont", "a", "ont", "aura", "auront", "sera", "seront", "c", "qui", "que", "qu", "ou", "et", "mais", "dont",
        "is", "are", "was", "were", "will", "which", "that", "who", "and", "or", "but", "se", "s", "il", "elle", "nous",
        "vous", "ils", "on", "y", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "to", "with", "avec", "at",
        "in", "au", "aux", "par", "by", "from", "chaque", "tout", "tous", "plus", "ne", "pas", "lors", "dans", "organise",
        "organisee", "organized", "organised", "held",
    ]
    private static let adjectives: Set<String> = [
        "public", "publique", "publics", "publiques", "national", "nationale", "international", "internationale", "ouvert",
        "ouverte", "ouverts", "ouvertes", "innovant", "innovante", "innovants", "innovantes", "grand", "grande", "petit",
        "petite", "citoyen", "citoyenne", "citoyens", "citoyennes", "europeen", "europeenne", "annual", "open", "digital",
        "gratuit", "gratuite", "participatif", "participative", "collaboratif", "collaborative", "inaugural", "inaugurale",
        "numerique", "numeriques", "interactif", "interactive", "thematique", "territorial", "territoriale", "regional",
        "regionale", "design", "creatif", "creative", "prospectif", "prospective", "special", "speciale", "hybride",
    ]
    private static let adjectiveEndings = ["ale", "ales", "aux", "ique", "iques", "ienne", "iennes", "elle", "elles",
                                           "if", "ive", "ifs", "ives", "aire", "aires", "euse", "euses", "enne", "ennes"]
    private static let notAdjectives: Set<String> = ["elle", "elles", "celle", "celles", "quelle", "quelles", "laquelle",
                                                     "si", "aussi", "pratique", "pratiques", "musique", "politique", "politiques",
                                                     "actif", "sauf", "tarif", "objectif", "objectifs", "dispositif", "dispositifs", "initiative", "initiatives",
                                                     "perspective", "perspectives", "alternative", "alternatives", "directive", "archive", "archives"]

    static func isAdjective(_ norm: String) -> Bool {
        if adjectives.contains(norm) { return true }
        if notAdjectives.contains(norm) || norm.count < 5 { return false }
        return adjectiveEndings.contains { norm.hasSuffix($0) }
    }

    private static let openQuotes: [Character: Character] = ["«": "»", "“": "”", "\"": "\"", "„": "“", "‹": "›"]
    private static let linking: Set<String> = ["entitled", "titled", "called", "named", "intitule", "intitulee", "intitules",
                                               "intitulees", "nomme", "nommee", "theme", "sur"]

    /// The phrase headed by words `head` of `words`, not past `limit` (a word index).
    static func around(_ head: Range<Int>, in text: String, words: [Word], limit: Range<Int>, english: Bool) -> NounPhrase {
        var start = head.lowerBound
        if english {
            while start - 1 >= limit.lowerBound, words[start - 1].capitalised, !stops.contains(words[start - 1].norm),
                  !articles.contains(words[start - 1].norm), !["on", "in", "at", "join", "our", "we", "this"].contains(words[start - 1].norm),
                  onlySpace(text, words[start - 1].range.upperBound, words[start].range.lowerBound) {
                start -= 1
            }
        }
        var end = head.upperBound
        var k = end
        var needContent = false
        var taken = 0
        var norms: [String] = []
        while k < limit.upperBound, taken < 9 {
            let gap = text[words[k - 1].range.upperBound..<words[k].range.lowerBound]
            if gap.contains(where: { ",;:!?.()[]|–—\n«»“”\"".contains($0) }) { break }
            let w = words[k]
            // "apéro-débat", "tiers-lieu": a hyphen joins the word to the phrase.
            if gap == "-" && !w.isNumber {
                needContent = false
                taken += 1
                norms.append(w.norm)
                k += 1
                end = k
                continue
            }
            // A day number ends the phrase ("la conférence du 17 octobre").
            if w.isNumber && w.norm.count != 4 { break }
            if needContent {
                if articles.contains(w.norm) { k += 1; continue }
                if stops.contains(w.norm) { break }
                needContent = false
            } else if prepositions.contains(w.norm) && !(w.norm == "en" || w.norm == "sur" || w.norm == "on" || w.norm == "pour" || w.norm == "for") {
                needContent = true
                k += 1
                continue
            } else if !(w.capitalised && !stops.contains(w.norm)) && !(w.isNumber && w.norm.count == 4) && !isAdjective(w.norm) {
                break
            }
            taken += 1
            norms.append(w.norm)
            k += 1
            end = k
        }
        var phrase = NounPhrase(text: String(text[words[start].range.lowerBound..<words[end - 1].range.upperBound]).collapsingSpaces(),
                                quoted: nil, start: start, end: end, complementWords: taken, complementNorms: norms)
        if let (q, marks) = quote(after: end, in: text, words: words, limit: limit) {
            phrase.quoted = q
            phrase.quoteMarks = marks
        }
        return phrase
    }

    /// A quoted title right after word `end` (allowing "entitled", "intitulée", ":").
    static func quote(after end: Int, in text: String, words: [Word], limit: Range<Int>) -> (String, (Character, Character))? {
        var i = words[end - 1].range.upperBound
        var k = end
        // Skip linking words ("entitled", "intitulée", "sur le thème").
        while k < limit.upperBound, linking.contains(words[k].norm) || (k > end && articles.contains(words[k].norm)),
              onlySpace(text, i, words[k].range.lowerBound) {
            i = words[k].range.upperBound
            k += 1
        }
        while i < text.endIndex, text[i] == " " || text[i] == ":" || text[i] == "\u{A0}" { i = text.index(after: i) }
        guard i < text.endIndex, let close = openQuotes[text[i]] else { return nil }
        let inner = text.index(after: i)
        guard let stop = text[inner...].firstIndex(of: close) else { return nil }
        let q = String(text[inner..<stop]).collapsingSpaces()
        guard q.count >= 3, q.count <= 160, !q.contains("\n") else { return nil }
        return (q, (text[i], close))
    }

    private static func onlySpace(_ text: String, _ a: String.Index, _ b: String.Index) -> Bool {
        a <= b && text[a..<b].allSatisfy { $0 == " " || $0 == "-" || $0 == "\u{A0}" || $0 == "'" || $0 == "’" }
    }

    /// The phrase as a title: first letter up, with the quoted title when there is one.
    var title: String {
        let head = text.capitalisedFirst
        guard let quoted else { return head }
        return quoteMarks.0 == "«" ? "\(head) « \(quoted) »" : "\(head) \(quoteMarks.0)\(quoted)\(quoteMarks.1)"
    }
}

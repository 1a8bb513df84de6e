// Places in a sentence, by pattern (no gazetteer): a venue after "à", "au", "at", "in the"
// ("à l'Hôtel du Département", "Maison de la Région", "salle …", "au Lab …"); a town after "à",
// "in" or a postal code ("à Limoges", "in Limoges", "87000 Limoges"); a French region after "en"
// or "in"; a street address before a postal code. Online and hybrid from their words.

import Foundation

struct PlaceFinding: Sendable, Hashable {
    var name: String?
    var address: String?
    var locality: String?
    var postalCode: String?
    var region: String?
    var rules: [String] = []

    var isEmpty: Bool { name == nil && locality == nil && postalCode == nil && region == nil && address == nil }

    /// Fills what `self` lacks from `other`.
    mutating func fill(from other: PlaceFinding) {
        if name == nil { name = other.name }
        if address == nil { address = other.address }
        if locality == nil { locality = other.locality }
        if postalCode == nil { postalCode = other.postalCode }
        if region == nil { region = other.region }
        rules += other.rules
    }
}

enum PlaceFinder {
    static let venueWords: Set<String> = [
        "hotel", "maison", "salle", "espace", "centre", "center", "auditorium", "amphitheatre", "amphi", "mediatheque",
        "bibliotheque", "mairie", "prefecture", "campus", "universite", "lycee", "college", "tiers", "fablab", "lab", "labo",
        "theatre", "musee", "palais", "halle", "cite", "parc", "chateau", "abbaye", "hall", "house", "room", "library",
        "museum", "university", "building", "hub", "incubateur", "pepiniere", "station", "cafe", "gymnase", "stade",
        "conservatoire", "archives", "ecole", "institut", "space",
    ]
    private static let clauseVenues: Set<String> = ["salle", "amphi", "amphitheatre", "auditorium", "hotel", "maison", "mediatheque",
                                                    "bibliotheque", "espace", "centre", "campus", "mairie", "prefecture", "room"]
    private static let transparent: Set<String> = ["locaux", "premises", "sein", "offices", "site", "enceinte"]
    private static let notTowns: Set<String> = [
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "m", "mme", "monsieur", "madame", "mr", "mrs", "ms", "dr", "noter",
        "partir", "france", "europe", "french", "english", "the", "l", "la", "le", "les", "this", "order", "addition",
        "particular", "fact", "total", "person", "presence", "advance", "terms", "cas", "travers", "propos", "savoir",
        "venir", "suivre", "retenir", "noter", "distance", "nouveau", "bientot", "lire", "decouvrir", "partager",
    ]
    static let regions: [String: String] = [
        "nouvelle aquitaine": "Nouvelle-Aquitaine", "occitanie": "Occitanie", "bretagne": "Bretagne", "normandie": "Normandie",
        "ile de france": "Île-de-France", "hauts de france": "Hauts-de-France", "grand est": "Grand Est",
        "auvergne rhone alpes": "Auvergne-Rhône-Alpes", "bourgogne franche comte": "Bourgogne-Franche-Comté",
        "centre val de loire": "Centre-Val de Loire", "pays de la loire": "Pays de la Loire",
        "provence alpes cote d azur": "Provence-Alpes-Côte d'Azur", "corse": "Corse", "guadeloupe": "Guadeloupe",
        "martinique": "Martinique", "guyane": "Guyane", "la reunion": "La Réunion", "mayotte": "Mayotte",
    ]
    private static let streetWords: Set<String> = ["rue", "avenue", "av", "boulevard", "bd", "place", "allee", "chemin", "quai",
                                                   "impasse", "cours", "route", "square", "passage", "street", "road", "esplanade"]

    /// The words that may introduce a place ("à", "au", "in", "at"...), folded.
    static let prepositions = ["a", "au", "aux", "dans", "at", "in", "within", "en", "inside"]

    /// Whether the folded word `norm` is one of ``prepositions``: the list was an array literal
    /// made and freed for every word of every sentence searched (28,000 arrays, 9 M
    /// instructions on the 200 pages). A folded word never equals an ASCII word it does not
    /// spell (folding maps KELVIN SIGN, the one letter canonically equal to an ASCII one, to
    /// "k"), so a word whose bytes' slot (``WordSlots``) is none of theirs is not compared: the
    /// nine comparisons for each word of the sentences searched were a quarter of ``find``.
    @inline(__always)
    static func isPreposition(_ norm: String) -> Bool {
        prepositionSlots.mayContain(norm) && prepositions.contains(norm)
    }

    /// Whether the folded word `norm` is one of ``clauseVenues``, asked of its bytes' slot
    /// first (hashing every word of the sentences searched was another quarter of ``find``).
    @inline(__always)
    static func isClauseVenue(_ norm: String) -> Bool {
        clauseVenueSlots.mayContain(norm) && clauseVenues.contains(norm)
    }

    private static let prepositionSlots = WordSlots(prepositions)
    private static let clauseVenueSlots = WordSlots(clauseVenues)

    private static let townJoiners = ["sur", "en", "de", "du", "les", "la", "le"]

    /// Places named in `words[range]`.
    static func find(in text: String, words: [Word], range: Range<Int>) -> PlaceFinding {
        var out = PlaceFinding()
        var k = range.lowerBound
        while k < range.upperBound {
            let w = words[k]
            // Postal code + town (+ the street before it).
            if w.isNumber, w.norm.utf8.count == 5, let code = Int(w.norm), code >= 1000, code < 99000,
               k + 1 < range.upperBound, words[k + 1].capitalised, out.postalCode == nil {
                let town = capitalisedRun(from: k + 1, text: text, words: words, limit: range.upperBound)
                out.postalCode = w.norm
                out.locality = out.locality ?? town.text
                out.rules.append("place:postalCode")
                if let street = streetBefore(k, text: text, words: words, lower: range.lowerBound) {
                    out.address = street
                }
                k = town.end
                continue
            }
            // A venue opening a clause: "…, salle Jean Moulin, Poitiers", "– Maison de la Région".
            if out.name == nil, k > range.lowerBound, isClauseVenue(w.norm),
               text[words[k - 1].range.upperBound..<w.range.lowerBound].contains(where: { ",–—|(".contains($0) }) {
                let phrase = NounPhrase.around(k..<(k + 1), in: text, words: words, limit: k..<range.upperBound, english: false)
                if phrase.complementWords > 0 {
                    out.name = phrase.text.capitalisedFirst
                    out.rules.append("place:venue")
                    k = phrase.end
                    // "…, Poitiers" right after the venue.
                    if k < range.upperBound, words[k].capitalised, !notTowns.contains(words[k].norm), !venueWords.contains(words[k].norm),
                       text[words[k - 1].range.upperBound..<words[k].range.lowerBound].trimmingCharacters(in: .whitespaces) == ",",
                       out.locality == nil {
                        let town = capitalisedRun(from: k, text: text, words: words, limit: range.upperBound)
                        if town.words <= 3 {
                            out.locality = town.text
                            out.rules.append("place:venue+Town")
                            k = town.end
                        }
                    }
                    continue
                }
            }
            let isPrep = isPreposition(w.norm)
            guard isPrep, k + 1 < range.upperBound else { k += 1; continue }
            // Region: "en Nouvelle-Aquitaine", "in Occitanie".
            if let region = regionAt(k + 1, words: words, limit: range.upperBound) {
                if out.region == nil { out.region = region.name; out.rules.append("place:region") }
                k = region.end
                continue
            }
            guard w.norm != "en" else { k += 1; continue }
            var j = k + 1
            // Skip articles and "premises of", "locaux de", "au sein de".
            var guardCount = 0
            while j < range.upperBound, guardCount < 6,
                  NounPhrase.articles.contains(words[j].norm) && !words[j].capitalised || transparent.contains(words[j].norm)
                  || ((words[j].norm == "de" || words[j].norm == "of" || words[j].norm == "du" || words[j].norm == "d") && j > k + 1) {
                j += 1
                guardCount += 1
            }
            guard j < range.upperBound, onlyWordGap(text, words, from: k, to: j) else { k += 1; continue }
            let n = words[j]
            let venueHead = venueWords.contains(n.norm)
                || (n.capitalised && j + 1 < range.upperBound && venueWords.contains(words[j + 1].norm))
            if venueHead && out.name == nil {
                let headEnd = venueWords.contains(n.norm) ? j + 1 : j + 2
                let phrase = NounPhrase.around(j..<headEnd, in: text, words: words, limit: j..<range.upperBound, english: false)
                let name = phrase.text
                if name.hasAtLeast(characters: 3) && (phrase.complementWords > 0 || n.capitalised || headEnd == j + 2) {
                    out.name = name.capitalisedFirst
                    out.rules.append("place:venue")
                    // "Maison de Région in Limoges", "Hôtel de Ville de Poitiers".
                    k = phrase.end
                    continue
                }
            }
            if n.capitalised, !n.isNumber, !notTowns.contains(n.norm), !venueWords.contains(n.norm), j == k + 1,
               w.norm == "a" || w.norm == "in", out.locality == nil {
                let town = capitalisedRun(from: j, text: text, words: words, limit: range.upperBound)
                if town.words <= 4 {
                    out.locality = town.text
                    out.rules.append(w.norm == "a" ? "place:à+Town" : "place:in+Town")
                    k = town.end
                    continue
                }
            }
            k += 1
        }
        return out
    }

    /// A line the page marks as a place ("Toulouse, Hôtel de Région", "Salle du conseil – Limoges"):
    /// a venue word makes a part the name, one to three capitalised words a town.
    static func fromPlaceLine(_ text: String) -> PlaceFinding {
        let words = Words.split(text)
        var out = find(in: text, words: words, range: 0..<words.count)
        if out.postalCode != nil { return out }
        for part in text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "–" || $0 == "—" || $0 == "|" || $0 == "(" || $0 == ")" }) {
            let trimmed = part.trimmingCharacters(in: .whitespaces).trimmingTrailingPunctuation()
            let pw = Words.split(trimmed)
            guard !pw.isEmpty, !Cues.table.hits(in: pw).contains(where: { $0.payload == .online || $0.payload == .hybrid }) else { continue }
            if pw.contains(where: { venueWords.contains($0.norm) }) {
                if out.name == nil { out.name = trimmed; out.rules.append("place:place-line") }
            } else if pw.count <= 3, pw.allSatisfy({ $0.capitalised || ["sur", "en", "de", "du", "la", "le", "les"].contains($0.norm) }),
                      !notTowns.contains(pw[0].norm) {
                if let region = regions[pw.map(\.norm).joined(separator: " ")] {
                    if out.region == nil { out.region = region }
                } else if out.locality == nil {
                    out.locality = trimmed
                    out.rules.append("place:place-line")
                }
            } else if out.name == nil, pw.count <= 8 {
                out.name = trimmed
                out.rules.append("place:place-line")
            }
        }
        return out
    }

    /// The segment when it is only a town: one to three capitalised words ("Lorient",
    /// "Saint-Pol-de-Léon", "La Rochelle"), not a region, month or venue.
    static func town(_ segment: Substring) -> String? {
        let trimmed = segment.trimmingCharacters(in: .whitespaces).trimmingTrailingPunctuation()
        let pw = Words.split(trimmed)
        guard (1...4).contains(pw.count), pw[0].capitalised, !notTowns.contains(pw[0].norm),
              trimmed.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" }),
              pw.allSatisfy({ $0.capitalised || ["sur", "en", "de", "du", "la", "le", "les", "d", "l"].contains($0.norm) }),
              !pw.contains(where: { venueWords.contains($0.norm) }),
              regions[pw.map(\.norm).joined(separator: " ")] == nil,
              Cues.table.hits(in: pw).isEmpty else { return nil }
        return trimmed
    }

    /// Capitalised words joined by spaces or hyphens ("Saint-Étienne", "La Rochelle", "Le Mans").
    private static func capitalisedRun(from j: Int, text: String, words: [Word], limit: Int) -> (text: String, end: Int, words: Int) {
        var end = j + 1
        while end < limit, words[end].capitalised || (townJoiners.contains(words[end].norm)
                && end + 1 < limit && words[end + 1].capitalised && text[words[end - 1].range.upperBound..<words[end].range.lowerBound] == "-"),
              onlyWordGap(text, words, from: end - 1, to: end) {
            end += 1
        }
        return (String(text[words[j].range.lowerBound..<words[end - 1].range.upperBound]), end, end - j)
    }

    private static func regionAt(_ j: Int, words: [Word], limit: Int) -> (name: String, end: Int)? {
        for length in stride(from: 4, through: 1, by: -1) where j + length <= limit {
            let key = words[j..<(j + length)].map(\.norm).joined(separator: " ")
            if let name = regions[key], words[j].capitalised || words[j].norm == "la" { return (name, j + length) }
        }
        return nil
    }

    /// "12 rue des Arts" before a postal code at word `k`.
    private static func streetBefore(_ k: Int, text: String, words: [Word], lower: Int) -> String? {
        var s = k - 1
        while s >= lower, k - s <= 10 {
            if streetWords.contains(words[s].norm) {
                var a = s
                if a - 1 >= lower, words[a - 1].isNumber { a -= 1 }
                let raw = String(text[words[a].range.lowerBound..<words[k - 1].range.upperBound])
                return raw.trimmingTrailingPunctuation().collapsingSpaces()
            }
            s -= 1
        }
        return nil
    }

    /// Whether only spaces, apostrophes and hyphens lie between words `a` and `b`.
    private static func onlyWordGap(_ text: String, _ words: [Word], from a: Int, to b: Int) -> Bool {
        guard a < b else { return true }
        for m in a..<b {
            let gap = text[words[m].range.upperBound..<words[m + 1].range.lowerBound]
            if gap.contains(where: { !($0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "\u{A0}") }) { return false }
        }
        return true
    }
}

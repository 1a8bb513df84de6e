// The matcher's town test on word numbers (MatchFeatures.townTokens) against the text one it
// replaced (EventMatcher.sharesWord on the two towns' folded text).

import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct TownWordTests {
    typealias S = Samples

    /// Towns and place names whose words overlap in every way: stop words ("la", "de"),
    /// accents and case that fold alike, a postcode, a comma-separated town, none.
    private static let localities: [String?] = [
        nil, "Limoges", "LIMOGES", "Saint-Denis", "Saint Denis de la Réunion", "La Rochelle", "Rochelle", "Le Mans",
        "Évry", "evry", "Aix-en-Provence", "Bourg-en-Bresse", "Paris", "paris 11e", "Œuvre", "Oeuvre", "Ville d'Avray", "de",
    ]
    private static let places: [String?] = [
        nil, "Tiers-lieu, Limoges", "Maison de la Région, 27 boulevard de la Corderie, Limoges", "Lab, 87000 Limoges",
        "Salle des fêtes, La Rochelle", "Hôtel de Ville, Saint-Denis", "Café, Le Mans", "Mairie, Évry Courcouronnes",
        "LaBase", "Lab, salle 2", "Fablab, Aix en Provence", "Atelier, Paris",
    ]

    @Test func townWordNumbersAgreeWithTheTownTexts() {
        let interner = TokenInterner()
        var features: [MatchFeatures] = []
        for locality in Self.localities {
            for place in Self.places {
                let event = S.event("Atelier", start: S.at("2022-11-15", 9), place: place, locality: locality)
                features.append(MatchFeatures(event: event, source: "s", interner: interner))
            }
        }
        var compared = 0, shared = 0
        for a in features {
            for b in features {
                guard let x = a.townKey, let y = b.townKey else {
                    #expect(a.townKey != nil || a.townTokens.isEmpty)
                    continue
                }
                let expected = EventMatcher.sharesWord(x, y)
                #expect(EventMatcher.sharesTownWord(a, b) == expected, "\(x) | \(y)")
                compared += 1
                if expected { shared += 1 }
            }
        }
        // Both answers were met many times.
        #expect(compared > 200 && shared > 50 && compared - shared > 50)
    }

    @Test func aStopWordAloneIsASharedWord() {
        let interner = TokenInterner()
        let a = MatchFeatures(event: S.event("Atelier", start: S.at("2022-11-15", 9), locality: "La Rochelle"), source: "s", interner: interner)
        let b = MatchFeatures(event: S.event("Atelier", start: S.at("2022-11-15", 9), locality: "La Ferté"), source: "s", interner: interner)
        let c = MatchFeatures(event: S.event("Atelier", start: S.at("2022-11-15", 9), locality: "Limoges"), source: "s", interner: interner)
        #expect(EventMatcher.sharesWord("la rochelle", "la ferte"))
        #expect(EventMatcher.sharesTownWord(a, b))
        #expect(!EventMatcher.sharesTownWord(a, c))
    }
}

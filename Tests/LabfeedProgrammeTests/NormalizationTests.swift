import Foundation
import Testing
@testable import LabfeedProgramme

struct NormalizationTests {
    @Test func canonicalURLLowersSchemeAndHostAndDropsDefaultPortFragmentAndTracking() {
        let url = CanonicalURL.canonical("HTTPS://Www.Lab.Example:443/Agenda/Atelier?utm_source=x&b=2&fbclid=abc&a=1&xtor=RSS-3#top")
        #expect(url == "https://www.lab.example/Agenda/Atelier?a=1&b=2")
        #expect(CanonicalURL.canonical("http://lab.example:80") == "http://lab.example/")
        #expect(CanonicalURL.canonical("http://lab.example:8080/x") == "http://lab.example:8080/x")
        #expect(CanonicalURL.canonical("mailto:lab@example.org") == "mailto:lab@example.org")
    }

    @Test func matchKeyIgnoresSchemeWwwAndTrailingSlash() {
        #expect(CanonicalURL.matchKey("http://www.lab.example/ev/") == CanonicalURL.matchKey("https://lab.example/ev?utm_medium=rss"))
    }

    @Test func foldingRemovesCaseAccentsPunctuationAndLigatures() {
        #expect(TextFolding.fold("L’Innovation — Publique !") == "l innovation publique")
        #expect(TextFolding.fold("Œuvre ÉCRITE, à Noël") == "oeuvre ecrite a noel")
        #expect(TextFolding.tokens("Le Mois de l'innovation publique") == ["mois", "innovation", "publique"])
    }

    @Test func canonicallyEquivalentSpellingsFoldAlike() {
        let composed = "Journée des Labs à Poitiers"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) != Array(composed.unicodeScalars))
        #expect(TextFolding.fold(decomposed) == "journee des labs a poitiers")
        #expect(TextFolding.fold(decomposed) == TextFolding.fold(composed))
        #expect(TextFolding.tokens(decomposed) == TextFolding.tokens(composed))
    }

    @Test func cleaningCollapsesSpacesAndDropsControls() {
        #expect(TextFolding.clean("  Atelier\u{00A0}\u{0007} design\n\n ") == "Atelier design")
        #expect(TextFolding.clean(" \n ") == nil)
    }

    @Test func repeatedItemKeysInOneFetchAreMadeUnique() {
        let a = Samples.event("Atelier A", start: Samples.allDay("2022-11-08"), sourceID: "same")
        let b = Samples.event("Atelier B", start: Samples.allDay("2022-11-09"), sourceID: "same")
        let keys = ItemKey.unique([a, b, a])
        #expect(Set(keys).count == 3)
        #expect(keys[0] == "id:same")
        #expect(ItemKey.unique([a, b, a]) == keys)
    }
}

// The engine on running text: every expression in order, spans that cut the text, lists of
// days, open bounds, and the two texts labfeed started from (shared/seeds).

import LabfeedCore
import LabfeedDates
import Testing

struct ProseTests {
    func context(_ reference: String, publication: Bool = true) -> DateContext {
        context(.fr, reference, publication: publication)
    }

    func context(_ language: DateLanguage, _ reference: String, publication: Bool = true) -> DateContext {
        DateContext(language: language, reference: CivilDate(iso: reference)!, referenceIsPublication: publication)
    }

    /// "text=start…end" for each match, to compare whole results at once.
    func summary(_ text: String, _ context: DateContext) -> [String] {
        DateEngine.find(in: text, context: context).map { m in
            "\(m.text)=\(m.start.iso)" + (m.end.map { "…" + $0.iso } ?? "")
        }
    }

    @Test func regionalNewsItemGivesThePublicationTheMonthAndTheLabsDay() {
        let text = """
        vendredi 4 novembre 2022, par lpe

        Depuis 2014, la Direction interministérielle de la transformation publique (DITP) fédère au mois de \
        novembre un programme d'événements. Ainsi, chaque année, du 2 au 30 novembre, plus de 350 événements \
        réunissent citoyens, agents usagers, associations...

        2022, une année anniversaire pour les Laboratoires d'innovation territoriale : Le 8 novembre, c'est la \
        Journée nationale des Labs ! Cinq ans après la création des premiers laboratoires, ils sont aujourd'hui \
        14 à porter l'innovation publique.
        """
        #expect(summary(text, context("2022-11-04")) == [
            "vendredi 4 novembre 2022=2022-11-04",
            "du 2 au 30 novembre=2022-11-02…2022-11-30",
            "8 novembre=2022-11-08",
        ])
    }

    @Test func bilingualPostGivesTheSameDayInBothLanguages() {
        let english = """
        On November 24th, we had the pleasure to join the 2021 edition of the Public Innovation Month \
        initiative. Inaugurated in 2020, this unique place reflects the will of the executive of the Regional \
        Council (8,000 agents, including 2,400 at headquarters and 5,600 in the high schools); 12,000 young \
        people have been supported.
        """
        let french = "Ce 24 Novembre, dans le cadre du Mois de l'Innovation Publique 2021, nous avons eu le plaisir"
        #expect(summary(english, context(.en, "2021-12-01", publication: false)) == ["November 24th=2021-11-24"])
        #expect(summary(french, context(.fr, "2021-12-01", publication: false)) == ["24 Novembre=2021-11-24"])
    }

    @Test func listedDaysAreReadOneByOne() {
        #expect(summary("Les 24 et 25 novembre 2022, portes ouvertes.", context("2022-10-01")) == [
            "24=2022-11-24", "25 novembre 2022=2022-11-25",
        ])
        #expect(summary("le séminaire aura lieu les 7, 8 et 9 décembre à Bordeaux", context("2022-10-01")) == [
            "7=2022-12-07", "8=2022-12-08", "9 décembre=2022-12-09",
        ])
        #expect(summary("Workshops on November 8 and 9.", context(.en, "2022-10-01")) == [
            "November 8=2022-11-08", "9=2022-11-09",
        ])
        #expect(summary("Nov. 8, 15 and 22", context(.en, "2022-10-01")) == [
            "Nov. 8=2022-11-08", "15=2022-11-15", "22=2022-11-22",
        ])
        #expect(summary("On Nov 24, 12 people came.", context(.en, "2022-10-01")) == ["Nov 24=2022-11-24"])
        #expect(summary("Le 1er et le 2 décembre", context("2022-10-01")) == ["1er=2022-12-01", "2 décembre=2022-12-02"])
        #expect(summary("Samedi 19 et dimanche 20 novembre, de 10h à 17h.", context("2022-10-01")) == [
            "Samedi 19=2022-11-19",
            "dimanche 20 novembre, de 10h à 17h=2022-11-20T10:00:00+01:00…2022-11-20T17:00:00+01:00",
        ])
    }

    @Test func openBoundsSayWhichSideTheyBound() {
        let found = DateEngine.find(in: "À partir du 2 novembre et jusqu'au 30 novembre 2022", context: context("2022-10-01"))
        #expect(found.map(\.bound) == [.since, .until])
        #expect(found.map(\.start.iso) == ["2022-11-02", "2022-11-30"])
        #expect(found.allSatisfy { $0.end == nil })
    }

    @Test func aParagraphBreakKeepsATimeFromTheDateAbove() {
        let apart = DateEngine.find(in: "Mardi 8 novembre\n\n14h-17h : atelier", context: context("2022-10-01"))
        #expect(apart.map(\.kind) == [.date])
        let together = DateEngine.find(in: "Mardi 8 novembre\n14h-17h : atelier", context: context("2022-10-01"))
        #expect(together.map(\.kind) == [.timeRangeOnDate])
    }

    @Test func spansCutTheTextInOrderWithoutOverlap() {
        let text = """
        Publié le 3 octobre 2022 à 09:12 — Atelier le mardi 15 novembre 2022 de 14h à 16h30 ; \
        exposition du 21 au 25 novembre (9h-18h) ; clôture le 30/11/2022. Contact : 05 55 45 00 00, 12,50 €.
        """
        let found = DateEngine.find(in: text, context: context("2022-10-03"))
        #expect(found.count == 4)
        for (a, b) in zip(found, found.dropFirst()) { #expect(a.range.upperBound <= b.range.lowerBound) }
        for m in found {
            #expect(String(text[m.range]) == m.text)
            let offsets = m.utf8Offsets(in: text)
            let bytes = Array(text.utf8)[offsets]
            #expect(String(decoding: bytes, as: UTF8.self) == m.text)
        }
        #expect(found.map(\.rule).allSatisfy { !$0.isEmpty })
    }

    @Test func theReferenceKindIsCarriedIntoEachMatch() {
        let fetched = DateEngine.find(in: "le 8 novembre", context: context("2022-10-01", publication: false))
        let published = DateEngine.find(in: "le 8 novembre", context: context("2022-10-01", publication: true))
        #expect(fetched.first?.referenceIsPublication == false)
        #expect(published.first?.referenceIsPublication == true)
    }
}

// The extractor's rules one by one on short texts: what makes a date an event, what rejects it,
// the contextual year, titles, places, status, listed days and the plain-text reading.

import LabfeedCore
import LabfeedParse
import Testing

struct ProseRuleTests {
    func read(_ text: String, publication: CivilDate? = nil, fetch: CivilDate = ProseFixture.fetchDate) -> ProseResult {
        ProseExtractor.extract(plainText: text, context: ProseFixture.context(fetch: fetch, publication: publication))
    }

    func reason(_ text: String, publication: CivilDate? = CivilDate(year: 2023, month: 10, day: 1)) -> ProseRejection? {
        let result = read(text, publication: publication)
        #expect(result.events.isEmpty, "\(text)\n\(result.render())")
        return result.explanations.first?.reason
    }

    @Test func gatheringNamedNearTheDateIsAnEvent() {
        let result = read("Le Lab organise une matinée d'échanges le jeudi 19 octobre de 9h à 12h à la médiathèque de Brive.",
                          publication: CivilDate(year: 2023, month: 10, day: 3))
        #expect(result.events.count == 1)
        let e = result.events.first
        #expect(e?.title == "Matinée d'échanges")
        #expect(e?.start.iso == "2023-10-19T09:00:00+02:00" && e?.end?.iso == "2023-10-19T12:00:00+02:00")
        #expect(e?.location?.name == "Médiathèque de Brive")
    }

    @Test func dateWithNothingToAttendIsNotAnEvent() {
        #expect(reason("Le laboratoire a fêté ses 5 ans le 14 septembre dernier.") == .noEventCue)
        #expect(reason("Le rapport annuel sera disponible le 20 décembre 2023.") == .noEventCue)
    }

    @Test(arguments: [
        ("Inscription obligatoire avant le 10 novembre.", ProseRejection.deadline),
        ("Date limite de candidature : 15 novembre 2023.", .deadline),
        ("Applications for the fellowship close on November 15, 2023.", .deadline),
        ("Appel à projets : dépôt des dossiers jusqu'au 15 décembre 2023.", .deadline),
        ("Publié le 3 octobre 2023", .publicationDate),
        ("Posted on November 3, 2023 by admin", .publicationDate),
        ("Les résultats seront publiés le 20 décembre.", .publicationDate),
        ("Fermeture exceptionnelle le vendredi 10 novembre 2023.", .closure),
        ("Horaires d'hiver à partir du 1er décembre 2023 : ouverture à 9h30.", .openingHours),
        ("Le 12 octobre, le conseil municipal a approuvé la convention de partenariat.", .pastInternalMeeting),
        ("The board met on October 12 and approved the 2024 budget.", .pastInternalMeeting),
        ("La réunion du comité de pilotage aura lieu le 8 novembre 2023.", .internalMeeting),
        ("Le laboratoire a été créé le 3 mars 2017 par délibération du conseil régional.", .story),
        ("Lettre d'information n°42 – 4 novembre 2023", .newsletterIssue),
        ("Les entretiens auront lieu le 24 novembre 2023 à l'Hôtel du Département.", .recruitment),
        ("L'exposition est visible jusqu'au 30 novembre.", .openEndOnly),
    ])
    func signsAgainstAnEventRejectTheDate(_ text: String, _ expected: ProseRejection) {
        #expect(reason(text) == expected, "\(text)")
    }

    @Test func nearerCueWinsBetweenAnInternalMeetingAndAWorkshop() {
        let result = read("Le 8 novembre, le comité de pilotage s'est réuni pour préparer l'atelier du 15 décembre.",
                          publication: CivilDate(year: 2023, month: 11, day: 10))
        #expect(result.events.map(\.start.iso) == ["2023-12-15"])
        #expect(result.explanations.first?.reason == .pastInternalMeeting)
    }

    @Test func publicEventToldInThePastIsStillAnEvent() {
        let result = read("Le 8 novembre dernier, une trentaine d'agents ont participé à l'atelier de co-design organisé à Tulle.",
                          publication: CivilDate(year: 2023, month: 11, day: 14))
        #expect(result.events.map(\.start.iso) == ["2023-11-08"])
        #expect(result.events.first?.location?.locality == "Tulle")
    }

    @Test func yearStatedInTheSentenceWinsOverTheFetchDate() {
        let result = read("On November 24th, we joined the 2019 edition of the Open Data Day workshop in Lyon.",
                          fetch: CivilDate(year: 2025, month: 3, day: 1))
        #expect(result.events.map(\.start.iso) == ["2019-11-24"])
    }

    @Test func twoYearsInTheSentenceLeaveTheYearToThePublicationDate() {
        let result = read("Le 24 novembre, atelier sur le bilan 2019 et les projets 2024.",
                          publication: CivilDate(year: 2023, month: 11, day: 2))
        #expect(result.events.map(\.start.iso) == ["2023-11-24"])
        #expect(result.explanations.first?.rules.contains { $0.hasPrefix("year:publication") } == true)
    }

    @Test func yearOfAHeadingReachesTheParagraphBelow() {
        let text = """
        Journée des tiers-lieux 2022

        Le 15 octobre, rendez-vous à Périgueux pour une journée d'ateliers.
        """
        #expect(read(text, fetch: CivilDate(year: 2025, month: 1, day: 10)).events.map(\.start.iso) == ["2022-10-15"])
    }

    @Test func quotedTitleFollowsTheEventNoun() {
        let result = read("Le 5 décembre 2023, webinaire « Simplifier les démarches » en ligne, de 11h à 12h.")
        #expect(result.events.first?.title == "Webinaire « Simplifier les démarches »")
        #expect(result.events.first?.attendanceMode == .online)
        #expect(result.events.first?.start.iso == "2023-12-05T11:00:00+01:00")
    }

    @Test func consecutiveListedDaysMakeOneRangeAndOthersStayApart() {
        let joined = read("Save the date : le hackathon « Data Santé » se déroulera les 24 et 25 novembre 2023 à Limoges.")
        #expect(joined.events.map { "\($0.start.iso)…\($0.end?.iso ?? "")" } == ["2023-11-24…2023-11-25"])
        let apart = read("Les ateliers auront lieu les 8 et 15 novembre 2023 à Limoges.")
        #expect(apart.events.map(\.start.iso) == ["2023-11-08", "2023-11-15"])
    }

    @Test func statusWordsSetTheStatus() {
        let cancelled = read("En raison des grèves, la conférence du 17 octobre 2023 est annulée.")
        #expect(cancelled.events.first?.status == .cancelled)
        let moved = read("L'atelier du 6 décembre 2023 est reporté au 13 décembre 2023.")
        #expect(moved.events.count == 1)
        #expect(moved.events.first?.status == .rescheduled)
        #expect(moved.events.first?.start.iso == "2023-12-13" && moved.events.first?.previousStart?.iso == "2023-12-06")
        let postponed = read("The webinar scheduled for November 22, 2023 has been postponed.")
        #expect(postponed.events.first?.status == .postponed)
    }

    @Test func placesComeFromPatternsNotFromAList() {
        let result = read("""
        Le 9 novembre 2023, forum des initiatives à l'Hôtel de Ville de Saint-Étienne.

        Le 10 novembre 2023, visite du fablab au 12 rue des Arts, 87000 Limoges.

        On 11 November 2023, a public meeting will be held in Clermont-Ferrand.
        """)
        let places = result.events.map { [$0.location?.name ?? "-", $0.location?.locality ?? "-", $0.location?.postalCode ?? "-"] }
        #expect(places == [["Hôtel de Ville de Saint-Étienne", "-", "-"], ["-", "Limoges", "87000"], ["-", "Clermont-Ferrand", "-"]])
        #expect(result.events[1].location?.address == "12 rue des Arts")
        #expect(result.events.map(\.language) == ["fr", "fr", "en"])
    }

    @Test func umbrellaRangeBecomesTheSuperEventOfTheDaysInside() {
        let text = """
        Le programme du Mois de l'innovation publique en Bretagne

        Du 2 au 30 novembre 2023, une quarantaine d'événements sont proposés partout en Bretagne.

        • Le 7 novembre : atelier « Facile à lire et à comprendre » à Rennes
        • 9 novembre, 14h-16h : visite du tiers-lieu L'Hermine, Lorient
        """
        let result = read(text, fetch: CivilDate(year: 2025, month: 6, day: 1))
        #expect(result.events.map(\.start.iso) == ["2023-11-02", "2023-11-07", "2023-11-09T14:00:00+01:00"])
        #expect(result.events[0].title == "Mois de l'innovation publique")
        #expect(result.events[0].location?.region == "Bretagne")
        #expect(result.events.dropFirst().allSatisfy { $0.superEvent?.title == "Mois de l'innovation publique" })
        #expect(result.events.map { $0.location?.locality } == [nil, "Rennes", "Lorient"])
    }

    @Test func plainTextReadsMarkdownLinksBoldAndBullets() {
        let text = """
        **Atelier fresque du climat** : le 14 novembre 2023 à 14h, [inscription ici](https://lab.example/fresque).

        - 21 novembre 2023 : [Café numérique](https://lab.example/cafe) à Tulle
        """
        let result = read(text)
        #expect(result.events.map(\.title) == ["Atelier fresque du climat", "Café numérique"])
        #expect(result.events.last?.url == "https://lab.example/cafe")
        #expect(result.events.first?.url == "https://lab.example/page")
    }

    @Test func englishAndFrenchParagraphsGetTheirOwnLanguageWithoutMarkup() {
        let text = """
        On March 4th, 2023, we will host a workshop at the Lab in Rennes.

        Le 4 mars 2023, nous organisons un atelier au Lab à Rennes.
        """
        let result = read(text, language: "fr")
        #expect(result.events.map(\.language) == ["en", "fr"])
        #expect(result.events.map(\.start.iso) == ["2023-03-04", "2023-03-04"])
    }

    func read(_ text: String, language: String) -> ProseResult {
        ProseExtractor.extract(plainText: text, context: ProseFixture.context(language: language))
    }

    @Test func emptyAndDatelessTextsGiveNothing() {
        #expect(read("").events.isEmpty)
        #expect(read("\n\n   \n").explanations.isEmpty)
        let result = read("Le Lab accompagne les agents depuis 2014 : 12 000 jeunes, 8,000 agents, 14 laboratoires.")
        #expect(result.events.isEmpty && result.explanations.isEmpty)
    }

    @Test func explanationRendersEveryDateWithItsOutcome() {
        let result = read("""
        vendredi 4 novembre 2022, par lpe

        Le 8 novembre 2022, atelier au Lab à Limoges. Inscription avant le 7 novembre.
        """)
        let text = result.render()
        #expect(text.contains("publication date: 2022-11-04"))
        #expect(text.contains("EVENT    “8 novembre 2022”"))
        #expect(text.contains("REJECTED “7 novembre” → 2022-11-07: deadline"))
        #expect(text.contains("rules: date:"))
    }
}

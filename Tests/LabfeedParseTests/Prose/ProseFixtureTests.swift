// Pages in the shapes French lab and public-body sites have (SPIP, WordPress, Drupal/DSFR,
// agenda lists, a bilingual post, a programme), each with the events it must yield, and pages
// that must yield none (newsletter archive, job offer, internal meeting report, opening hours).

import LabfeedCore
import LabfeedParse
import Testing

struct ProseFixtureTests {
    @Test func spipArticleGivesTheWorkshopAndTheSeminarOnly() throws {
        let result = try ProseFixture.read("spip-article-atelier.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Atelier de relecture collective", start: "2022-11-15T14:00:00+01:00", end: "2022-11-15T17:00:00+01:00",
                          locality: "Bordeaux", attendance: .offline),
            ExpectedEvent(title: "Séminaire de restitution", start: "2022-12-07", end: "2022-12-09", locality: "Poitiers"),
        ], "spip article")
        let workshop = try #require(result.events.first)
        #expect(workshop.location?.postalCode == "33000")
        #expect(workshop.location?.name == "Maison de la Région")
        #expect(workshop.location?.address == "14 rue François de Sourdis")
        #expect(result.publicationDate == CivilDate(year: 2022, month: 10, day: 21))
        #expect(ProseFixture.explanation(result, span: "10 novembre")?.reason == .deadline)
        #expect(ProseFixture.explanation(result, span: "12 mai 2022")?.reason == .comment)
        #expect(ProseFixture.explanation(result, span: "3 novembre 2022")?.reason == .publicationDate)
        #expect(ProseFixture.explanation(result, span: "14 octobre 2022")?.outcome == .rejected)
    }

    @Test func spipAgendaListGivesOneEventPerItemWithItsLink() throws {
        let result = try ProseFixture.read("spip-agenda-list.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Café design", start: "2022-11-08T09:30:00+01:00", end: "2022-11-08T11:00:00+01:00", locality: "Toulouse"),
            ExpectedEvent(title: "Fresque du numérique", start: "2022-11-17", attendance: .online),
            ExpectedEvent(title: "Hackathon des données publiques", start: "2022-12-01", end: "2022-12-03", locality: "Montpellier"),
        ], "spip agenda")
        #expect(result.events.map(\.url) == [
            "https://lab.example/agenda/cafe-design-nov-2022", "https://lab.example/agenda/fresque-numerique",
            "https://lab.example/agenda/hackathon-donnees",
        ])
        #expect(ProseFixture.explanation(result, span: "2 novembre 2022")?.reason == .headerFooter)
    }

    @Test func wordpressPostListsTheMonthsWorkshopsAndIgnoresCommentsAndWidgets() throws {
        let result = try ProseFixture.read("wordpress-post-workshops.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Fresque du numérique", start: "2022-11-03T09:30:00+01:00", end: "2022-11-03T12:30:00+01:00", locality: "Poitiers"),
            ExpectedEvent(title: "Écrire simple", start: "2022-11-15T14:00:00+01:00", end: "2022-11-15T16:00:00+01:00", attendance: .online),
            ExpectedEvent(title: "Café design", start: "2022-11-18T08:30:00+01:00", locality: "Poitiers"),
            ExpectedEvent(title: "Les communs numériques", start: "2022-11-24T18:00:00+01:00", locality: "Poitiers", status: .cancelled),
        ], "wordpress workshops")
        #expect(result.events[2].keywords.contains("complet"))
        #expect(result.publicationDate == CivilDate(year: 2022, month: 10, day: 20))
        let reasons = result.explanations.filter { $0.outcome == .rejected }.compactMap(\.reason)
        #expect(reasons.filter { $0 == .comment }.count == 4)
        #expect(reasons.contains(.sidebar) && reasons.contains(.widget) && reasons.contains(.deadline))
    }

    @Test func dsfrDrupalWebinarIsOneOnlineEvent() throws {
        let result = try ProseFixture.read("dsfr-drupal-webinaire.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "acheter innovant", start: "2022-11-17T10:00:00+01:00", end: "2022-11-17T11:30:00+01:00", attendance: .online),
        ], "dsfr webinar")
        #expect(ProseFixture.explanation(result, span: "5 octobre 2022")?.reason == .publicationDate)
        #expect(ProseFixture.explanation(result, span: "13 décembre 2022")?.reason == .relatedArticles)
        #expect(ProseFixture.explanation(result, span: "jusqu'au 15 novembre 2022 à midi")?.reason == .deadline)
        #expect(result.mainContent.path.hasSuffix("main#contenu"))
    }

    @Test func bilingualPageGivesTheWorkshopInEachLanguage() throws {
        let result = try ProseFixture.read("bilingual-open-data-day.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Open Data Day", start: "2023-03-04T14:00:00+01:00", end: "2023-03-04T18:00:00+01:00", language: "en", locality: "Rennes"),
            ExpectedEvent(title: "Open Data", start: "2023-03-04T14:00:00+01:00", end: "2023-03-04T18:00:00+01:00", language: "fr", locality: "Rennes"),
        ], "bilingual")
        #expect(ProseFixture.explanation(result, span: "March 1st")?.reason == .deadline)
        #expect(ProseFixture.explanation(result, span: "1er mars")?.reason == .deadline)
    }

    @Test func programmePageGivesTheDayAndItsTimedSessions() throws {
        let result = try ProseFixture.read("programme-day.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Journée régionale des laboratoires", start: "2022-11-24", locality: "Bordeaux"),
            ExpectedEvent(title: "Dix ans d'innovation territoriale", start: "2022-11-24T09:30:00+01:00", end: "2022-11-24T10:30:00+01:00"),
            ExpectedEvent(title: "Ateliers en parallèle", start: "2022-11-24T10:45:00+01:00", end: "2022-11-24T12:15:00+01:00"),
            ExpectedEvent(title: "Les labs et les élus", start: "2022-11-24T14:00:00+01:00"),
        ], "programme")
    }

    @Test func pastReportKeepsThePublicWorkshopAndTheRescheduledSession() throws {
        let result = try ProseFixture.read("wordpress-past-report.html")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Atelier de co-design", start: "2022-11-08", locality: "Tulle"),
            ExpectedEvent(title: "atelier co-design", start: "2022-12-13", status: .rescheduled),
        ], "past report")
        #expect(result.events[0].location?.name == "Hôtel du Département")
        #expect(result.events[1].previousStart?.iso == "2022-12-06")
    }

    @Test(arguments: ["newsletter-archive.html", "job-offer.html", "past-internal-meeting.html", "opening-hours.html"])
    func pageWithoutEventsYieldsNone(_ name: String) throws {
        let result = try ProseFixture.read(name)
        #expect(result.events.isEmpty, "\(name):\n\(result.render())")
        #expect(!result.explanations.isEmpty)
        #expect(result.explanations.allSatisfy { $0.outcome == .rejected && $0.reason != nil })
    }

    @Test func rejectionsSayWhy() throws {
        let job = try ProseFixture.read("job-offer.html")
        #expect(job.explanations.compactMap(\.reason).contains(.deadline))
        #expect(job.explanations.compactMap(\.reason).contains(.recruitment))
        let meeting = try ProseFixture.read("past-internal-meeting.html")
        #expect(meeting.explanations.compactMap(\.reason).contains(.pastInternalMeeting))
        #expect(meeting.explanations.compactMap(\.reason).contains(.internalMeeting))
        #expect(meeting.explanations.compactMap(\.reason).contains(.story))
        let hours = try ProseFixture.read("opening-hours.html")
        #expect(Set(hours.explanations.compactMap(\.reason)) == [.closure, .openingHours])
        let archive = try ProseFixture.read("newsletter-archive.html")
        #expect(archive.explanations.compactMap(\.reason).contains(.newsletterIssue))
    }
}

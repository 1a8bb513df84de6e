// Benchmark of the date engine alone: expressions read per second on a corpus of French and
// English sentences (dates, ranges, times, and prose with no date). Not a test: run it with
// `swift run -c release dates-benchmark [seconds]` and compare numbers on the same machine.

import Foundation
import LabfeedCore
import LabfeedDates

let templates: [(DateLanguage, String)] = [
    (.fr, "Atelier le mardi {d} novembre 2022 de 14h à 16h30, salle du conseil."),
    (.fr, "Du {d} au 30 novembre, plus de 350 événements réunissent agents et usagers."),
    (.fr, "Publié le {d} octobre 2022 à 09:12 — mis à jour le 4 oct. 2022."),
    (.fr, "Inscriptions jusqu'au {d} décembre inclus ; places limitées à 30 participants."),
    (.fr, "Les {d} et 25 novembre, portes ouvertes du laboratoire (9h-18h)."),
    (.fr, "Le Lab a 5 ans : 14 laboratoires, 8000 agents, 12,50 € le repas, tél. 01 23 45 67 89."),
    (.fr, "Rendez-vous le {d}/11/2022 à 10h pour une matinée d'échanges."),
    (.en, "Save the date: Tuesday, {d} November 2022 | 2:00 pm – 3:30 pm CET."),
    (.en, "Join us on Nov. {d} from 10 a.m. to noon for a hands-on workshop."),
    (.en, "From {d} to 30 November, the Public Innovation Month gathers 350 events."),
    (.en, "Mon, {d} Nov 2022 09:00:00 GMT"),
    (.en, "The council has 8,000 agents, including 2,400 at headquarters, since 2020."),
]

let corpus: [(DateLanguage, String)] = (1...28).flatMap { day in
    templates.map { ($0.0, $0.1.replacingOccurrences(of: "{d}", with: String(day))) }
}
let contexts = Dictionary(uniqueKeysWithValues: DateLanguage.allCases.map {
    ($0, DateContext(language: $0, reference: CivilDate(year: 2022, month: 10, day: 15), referenceIsPublication: true))
})
let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 3
let bytes = corpus.reduce(0) { $0 + $1.1.utf8.count }

let clock = ContinuousClock()
let start = clock.now
var rounds = 0
var expressions = 0
while clock.now - start < .seconds(seconds) {
    for (language, text) in corpus {
        expressions += DateEngine.find(in: text, context: contexts[language]!).count
    }
    rounds += 1
}
let elapsed = clock.now - start
let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let perRound = expressions / max(rounds, 1)
print("dates-benchmark: \(corpus.count) texts, \(bytes) bytes, \(perRound) expressions per round, \(rounds) rounds in \(String(format: "%.2f", secs)) s")
print(String(format: "  %.0f expressions/s, %.0f texts/s, %.1f MB/s", Double(expressions) / secs,
             Double(corpus.count * rounds) / secs, Double(bytes * rounds) / secs / 1e6))

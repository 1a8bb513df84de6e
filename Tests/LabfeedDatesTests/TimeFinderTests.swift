// Times with no date of their own: DateEngine.findTimes.

import LabfeedDates
import Testing

struct TimeFinderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var text: String
        var start: String
        var end: String?
        var testDescription: String { "«\(input)»" }
    }

    static let cases: [Case] = [
        Case(input: "à 14h30", text: "14h30", start: "14:30"),
        Case(input: "14h-17h", text: "14h-17h", start: "14:00", end: "17:00"),
        Case(input: "de 9 h à 12 h 30", text: "de 9 h à 12 h 30", start: "09:00", end: "12:30"),
        Case(input: "9 h 30 min", text: "9 h 30 min", start: "09:30"),
        Case(input: "2:30 pm", text: "2:30 pm", start: "14:30"),
        Case(input: "2pm", text: "2pm", start: "14:00"),
        Case(input: "12 pm", text: "12 pm", start: "12:00"),
        Case(input: "12 a.m.", text: "12 a.m.", start: "00:00"),
        Case(input: "9:30–11:00", text: "9:30–11:00", start: "09:30", end: "11:00"),
        Case(input: "rendez-vous à midi", text: "midi", start: "12:00"),
        Case(input: "jusqu'à minuit", text: "minuit", start: "00:00"),
        Case(input: "entre 14h et 16h", text: "entre 14h et 16h", start: "14:00", end: "16:00"),
        Case(input: "14-17h", text: "14-17h", start: "14:00", end: "17:00"),
        Case(input: "2-4 pm", text: "2-4 pm", start: "14:00", end: "16:00"),
        Case(input: "11-1 pm", text: "11-1 pm", start: "11:00", end: "13:00"),
        Case(input: "from 9 to 11 am", text: "from 9 to 11 am", start: "09:00", end: "11:00"),
        Case(input: "14H30", text: "14H30", start: "14:30"),
        Case(input: "à 18 heures", text: "18 heures", start: "18:00"),
        Case(input: "de 10h à midi", text: "de 10h à midi", start: "10:00", end: "12:00"),
        Case(input: "à midi et demi", text: "midi et demi", start: "12:30"),
        Case(input: "de 22h à 2h", text: "de 22h à 2h", start: "22:00", end: "02:00"),
        Case(input: "de 20h à 24h", text: "de 20h à 24h", start: "20:00", end: "00:00"),
        Case(input: "2.30pm", text: "2.30pm", start: "14:30"),
        Case(input: "dès 8h45", text: "8h45", start: "08:45"),
        Case(input: "runs Monday through Friday, 9am-5pm.", text: "9am-5pm", start: "09:00", end: "17:00"),
    ]

    @Test(arguments: cases)
    func timeReadsAsExpected(_ c: Case) {
        let found = DateEngine.findTimes(in: c.input)
        #expect(found.count == 1, "found \(found.map(\.text))")
        guard let m = found.first else { return }
        #expect(m.text == c.text)
        #expect(m.start.description == c.start)
        #expect(m.end?.description == c.end)
    }

    @Test func rangesPastMidnightSaySo() {
        #expect(DateEngine.findTimes(in: "de 22h à 2h").first?.endIsNextDay == true)
        #expect(DateEngine.findTimes(in: "de 9h à 12h").first?.endIsNextDay == false)
    }

    @Test func aZoneAfterATimeIsKept() {
        #expect(DateEngine.findTimes(in: "14:30 +0100").first?.utcOffset == 3600)
        #expect(DateEngine.findTimes(in: "10:00 AM EST", language: .en).first?.utcOffset == -18000)
        #expect(DateEngine.findTimes(in: "à 14h30").first?.utcOffset == nil)
        // "est" is a French word, not a zone.
        #expect(DateEngine.findTimes(in: "14h est l'heure").first?.utcOffset == nil)
    }

    @Test(arguments: [
        "à 25h", "à 25h30", "l'après-midi", "Midi-Pyrénées", "le Midi de la France", "10:75", "ouvert 24h/24",
        "14 laboratoires", "de 2 à 4 ans", "5 ans", "14h-12h", "12,50 €",
    ])
    func thingsThatAreNotTimes(_ input: String) {
        #expect(DateEngine.findTimes(in: input).isEmpty, "found \(DateEngine.findTimes(in: input).map(\.text))")
    }
}

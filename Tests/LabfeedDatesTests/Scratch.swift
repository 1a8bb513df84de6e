import Testing
import LabfeedCore
import LabfeedDates

struct ScratchTests {
    @Test func scratch() {
        let ctx = DateContext(language: .fr, reference: CivilDate(year: 2022, month: 10, day: 15))
        let inputs = ["vendredi 4 novembre 2022, par lpe", "du 2 au 30 novembre 2022", "ven. 4 nov.", "1er décembre", "Ce 24 Novembre, dans",
                      "On November 24th, 2021 we", "Nov 24", "Thursday 24 November", "08/11/2022", "2-30 nov.", "du 30 novembre au 2 décembre",
                      "from 2 to 30 November", "Nov 2–30", "le 8 novembre à 14h30", "le 8 novembre de 9 h à 12 h 30", "le 8 novembre, 14h-17h",
                      "Nov 8, 2:30 pm", "le 8 novembre à midi", "le 27 mars 2022 à 2h30", "le 30 octobre 2022 à 2h30", "2022-11-08T09:30:00Z",
                      "les 8 et 9 novembre", "jusqu'au 30 novembre", "2022 et 5 ans, 14 laboratoires, 12,50 €", "9:30–11:00 le 8 novembre",
                      "du 8 au 10 novembre de 9h à 17h", "du 8 novembre 14h au 9 novembre 12h"]
        for s in inputs {
            let m = DateEngine.find(in: s, context: ctx)
            print(s, "=>", m.map { "[\($0.text)] \($0.start.iso) … \($0.end?.iso ?? "-") \($0.kind) \($0.rule) inf=\($0.yearInferred) wdm=\($0.weekdayMismatch)" })
        }
        print(DateEngine.findTimes(in: "à 14h30, 14h-17h, de 9 h à 12 h 30, 9 h 30 min, 2:30 pm, 9:30–11:00, à midi, l'après-midi, 2-4 pm").map { "\($0.text) \($0.start) \($0.end?.description ?? "")" })
    }
}

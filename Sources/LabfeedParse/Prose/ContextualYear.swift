// The contextual year rule: a date written without its year takes a year stated in its own
// sentence ("On November 24th, … the 2021 edition"), else in the nearest earlier sentence of
// the block, else in the nearest heading above, when there is exactly one plausible one there;
// otherwise the date engine's choice stands (from the publication date, else the fetch date).

import Foundation
import LabfeedCore
import LabfeedDates

enum ContextualYear {
    /// Words before a year that make it the story's year, not the event's ("depuis 2014").
    private static let storyBefore: Set<String> = ["depuis", "since", "des", "jusqu", "until", "avant", "before", "apres",
                                                   "after", "ici", "fin", "debut", "n", "no", "numero"]
    /// Words after a number that make it a count ("2000 participants").
    private static let countsAfter: Set<String> = [
        "personnes", "participants", "participantes", "agents", "euros", "eur", "people", "visiteurs", "visitors", "inscrits",
        "jeunes", "habitants", "places", "km", "m", "ha", "exemplaires", "copies", "etudiants", "students", "salaries",
        "employees", "membres", "members", "projets", "projects", "entreprises", "companies", "emplois", "jobs", "heures",
        "hours", "jours", "days", "ans", "years", "metres", "m2",
    ]

    /// The single plausible year written in `words[range]` outside date expressions, or nil.
    static func statedYear(in words: [Word], range: Range<Int>, text: String, dates: [DateMatch], reference: CivilDate) -> Int? {
        var years: Set<Int> = []
        for k in range {
            let w = words[k]
            guard w.isNumber, w.norm.count == 4, let y = Int(w.norm), y >= 1990, y <= reference.year + 3 else { continue }
            if dates.contains(where: { $0.range.overlaps(w.range) }) { continue }
            if k > range.lowerBound, storyBefore.contains(words[k - 1].norm) { continue }
            if k + 1 < words.count, countsAfter.contains(words[k + 1].norm) { continue }
            // "2014-2020", "2019/2020": a span of years.
            if k + 1 < words.count, words[k + 1].isNumber, words[k + 1].norm.count == 4,
               text[w.range.upperBound..<words[k + 1].range.lowerBound].trimmingCharacters(in: .whitespaces).count == 1 {
                continue
            }
            if k > 0, words[k - 1].isNumber, words[k - 1].norm.count == 4,
               text[words[k - 1].range.upperBound..<w.range.lowerBound].trimmingCharacters(in: .whitespaces).count == 1 {
                continue
            }
            years.insert(y)
        }
        return years.count == 1 ? years.first : nil
    }

    /// `match` moved to `year` (an end in the next year stays one year after), or nil when a
    /// written weekday or an impossible day (29 February) forbids it.
    static func move(_ match: DateMatch, to year: Int, zone: TimeZone) -> DateMatch? {
        let delta = year - match.start.date.year
        guard delta != 0 else { return nil }
        func shift(_ t: EventTime) -> EventTime? {
            let d = t.date
            guard CivilDate.isValid(year: d.year + delta, month: d.month, day: d.day) else { return nil }
            let nd = CivilDate(year: d.year + delta, month: d.month, day: d.day)
            switch t {
            case .day: return .day(nd)
            case .time(let l): return .time(LocalDateTime(date: nd, hour: l.hour, minute: l.minute, second: l.second, in: zone))
            }
        }
        guard let start = shift(match.start) else { return nil }
        var moved = match
        moved.start = start
        if let end = match.end {
            guard let e = shift(end) else { return nil }
            moved.end = e
        }
        if match.hasWeekday {
            // Keep the engine's year when its weekday agreed and the new one's does not.
            let agrees = !match.weekdayMismatch
            let weekdayWord = weekdayOf(match.text)
            let newAgrees = weekdayWord.map { $0 == start.date.weekday } ?? true
            if agrees && !newAgrees { return nil }
            moved.weekdayMismatch = !newAgrees
        }
        moved.yearInferred = false
        return moved
    }

    private static let weekdays: [String: Int] = [
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
        "lun": 1, "mar": 2, "mer": 3, "jeu": 4, "ven": 5, "sam": 6, "dim": 7,
        "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    ]

    /// The weekday written first in a date expression (1 Monday … 7 Sunday).
    private static func weekdayOf(_ text: String) -> Int? {
        for w in Words.split(text) { if let d = weekdays[w.norm] { return d } }
        return nil
    }
}

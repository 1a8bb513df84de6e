// The words the date grammar knows: month and weekday names in French and English (full and
// abbreviated, in the folded form the tokenizer gives: lowercase, no accents) and the small
// connecting words of ranges and times.

enum Lexicon {
    /// A month name as written in one or both languages.
    struct MonthWord: Sendable {
        let month: Int
        let french: Bool
        let english: Bool
        /// An abbreviation may take a dot ("nov.", "sept.").
        let abbreviation: Bool
        /// An ordinary word too ("may", "march", "mar", "sept" = seven in French): in the
        /// month-first order it must be capitalized, and "sept"/"mar" are never read month-first
        /// on a French page.
        let commonWord: Bool
    }

    /// A weekday name; 1 is Monday, as `CivilDate.weekday`.
    struct WeekdayWord: Sendable {
        let weekday: Int
        let abbreviation: Bool
    }

    static let months: [String: MonthWord] = {
        var table: [String: MonthWord] = [:]
        func add(_ words: [String], _ month: Int, fr: Bool, en: Bool, abbr: Bool, common: Bool = false) {
            for w in words {
                let old = table[w]
                table[w] = MonthWord(month: month, french: fr || (old?.french ?? false),
                                     english: en || (old?.english ?? false),
                                     abbreviation: abbr, commonWord: common || (old?.commonWord ?? false))
            }
        }
        // French full names, then abbreviations (the usual ones, with and without accents).
        add(["janvier"], 1, fr: true, en: false, abbr: false)
        add(["fevrier"], 2, fr: true, en: false, abbr: false)
        add(["mars"], 3, fr: true, en: false, abbr: false, common: true)
        add(["avril"], 4, fr: true, en: false, abbr: false)
        add(["mai"], 5, fr: true, en: false, abbr: false)
        add(["juin"], 6, fr: true, en: false, abbr: false)
        add(["juillet"], 7, fr: true, en: false, abbr: false)
        add(["aout"], 8, fr: true, en: false, abbr: false)
        add(["septembre"], 9, fr: true, en: false, abbr: false)
        add(["octobre"], 10, fr: true, en: false, abbr: false)
        add(["novembre"], 11, fr: true, en: false, abbr: false)
        add(["decembre"], 12, fr: true, en: false, abbr: false)
        add(["janv", "jan"], 1, fr: true, en: false, abbr: true)
        add(["fevr", "fev"], 2, fr: true, en: false, abbr: true)
        add(["avr"], 4, fr: true, en: false, abbr: true)
        add(["juil", "juill"], 7, fr: true, en: false, abbr: true)
        add(["sept"], 9, fr: true, en: false, abbr: true, common: true)
        add(["oct"], 10, fr: true, en: false, abbr: true)
        add(["nov"], 11, fr: true, en: false, abbr: true)
        add(["dec"], 12, fr: true, en: false, abbr: true)
        // English.
        add(["january"], 1, fr: false, en: true, abbr: false)
        add(["february"], 2, fr: false, en: true, abbr: false)
        add(["march"], 3, fr: false, en: true, abbr: false, common: true)
        add(["april"], 4, fr: false, en: true, abbr: false)
        add(["may"], 5, fr: false, en: true, abbr: false, common: true)
        add(["june"], 6, fr: false, en: true, abbr: false)
        add(["july"], 7, fr: false, en: true, abbr: false)
        add(["august"], 8, fr: false, en: true, abbr: false)
        add(["september"], 9, fr: false, en: true, abbr: false)
        add(["october"], 10, fr: false, en: true, abbr: false)
        add(["november"], 11, fr: false, en: true, abbr: false)
        add(["december"], 12, fr: false, en: true, abbr: false)
        add(["jan"], 1, fr: false, en: true, abbr: true)
        add(["feb"], 2, fr: false, en: true, abbr: true)
        add(["mar"], 3, fr: false, en: true, abbr: true, common: true)
        add(["apr"], 4, fr: false, en: true, abbr: true)
        add(["jun"], 6, fr: false, en: true, abbr: true)
        add(["jul"], 7, fr: false, en: true, abbr: true)
        add(["aug"], 8, fr: false, en: true, abbr: true)
        add(["sep", "sept"], 9, fr: false, en: true, abbr: true)
        add(["oct"], 10, fr: false, en: true, abbr: true)
        add(["nov"], 11, fr: false, en: true, abbr: true)
        add(["dec"], 12, fr: false, en: true, abbr: true)
        return table
    }()

    static let weekdays: [String: WeekdayWord] = {
        var table: [String: WeekdayWord] = [:]
        let full = [
            (["lundi", "monday"], 1), (["mardi", "tuesday"], 2), (["mercredi", "wednesday"], 3),
            (["jeudi", "thursday"], 4), (["vendredi", "friday"], 5), (["samedi", "saturday"], 6),
            (["dimanche", "sunday"], 7),
        ]
        let short = [
            (["lun", "mon"], 1), (["mar", "tue", "tues"], 2), (["mer", "wed"], 3),
            (["jeu", "thu", "thur", "thurs"], 4), (["ven", "fri"], 5), (["sam", "sat"], 6),
            (["dim", "sun"], 7),
        ]
        for (words, day) in full { for w in words { table[w] = WeekdayWord(weekday: day, abbreviation: false) } }
        for (words, day) in short { for w in words { table[w] = WeekdayWord(weekday: day, abbreviation: true) } }
        return table
    }()

    /// Ordinal endings after a day number: "1er", "1re", "1st", "2nd", "3rd", "24th".
    static let ordinalSuffixes: Set<String> = ["er", "re", "st", "nd", "rd", "th"]

    /// Words naming hours after a number: "14h", "14 heures".
    static let hourWords: Set<String> = ["h", "heure", "heures", "hr", "hrs"]
    /// Words after the minutes of "9 h 30 min".
    static let minuteWords: Set<String> = ["min", "mn", "minute", "minutes", "mins"]

    /// The words an expression may begin with (besides numbers): weekdays, months, range and
    /// bound introducers, named times.
    static let starters: Set<String> = Set(months.keys).union(weekdays.keys).union([
        "du", "from", "entre", "between", "jusqu", "a", "des", "depuis", "until", "till", "through",
        "starting", "since", "de", "midi", "minuit", "noon", "midnight",
    ])

    /// Zone abbreviations read after a time, in capitals only ("est" is French for "is").
    static let zoneAbbreviations: [String: Int] = [
        "cet": 3600, "cest": 7200, "bst": 3600, "wet": 0, "west": 3600,
        "est": -18000, "edt": -14400, "cst": -21600, "cdt": -18000,
        "mst": -25200, "mdt": -21600, "pst": -28800, "pdt": -25200,
    ]

    /// Words that may stand between a date and its time: "le 8 novembre à 14h", "Nov 8 at 2pm".
    static let timeCues: Set<String> = ["a", "at", "des", "vers", "around", "starting", "begins", "beginning"]
}

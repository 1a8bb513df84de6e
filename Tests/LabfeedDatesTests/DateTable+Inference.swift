// Table rows: the year inferred from the reference day (across the new year), weekdays that
// pick or contradict the year, and daylight saving edges in Europe/Paris and New York.

import LabfeedDates

enum InferenceRows {
    static let all: [DateCase] = [
        row("le 12 janvier", "2023-01-12", ref: "2022-12-10", span: "12 janvier", inferred: true),
        row("le 15 décembre", "2022-12-15", ref: "2023-01-05", span: "15 décembre", inferred: true),
        row("24 novembre", "2021-11-24", ref: "2021-11-26"),
        row("3 janvier", "2023-01-03", ref: "2022-12-28"),
        row("30 décembre", "2022-12-30", ref: "2023-01-02"),
        row("1er juillet", "2022-07-01", ref: "2022-01-01"),
        row("1er juillet", "2023-07-01", ref: "2022-12-31"),
        row("mardi 8 novembre", "2022-11-08", ref: "2023-10-01", mismatch: false),
        row("jeudi 24 novembre", "2022-11-24", ref: "2022-01-10", mismatch: false),
        row("vendredi 5 novembre", "2021-11-05", ref: "2022-10-15", mismatch: false),
        row("lundi 12 janvier", "2023-01-12", ref: "2022-12-10", inferred: true, mismatch: true),
        row("vendredi 5 novembre 2022", "2022-11-05", inferred: false, mismatch: true),
        row("Thursday 24 November 2021", "2021-11-24", lang: .en, mismatch: true),
        row("du 28 décembre au 3 janvier", "2022-12-28", "2023-01-03", ref: "2023-01-02", inferred: true),
        row("Nov 24", "2022-11-24", lang: .en, ref: "2023-02-01"),
        row("29 février", "2024-02-29", ref: "2023-06-01"),
        row("2 au 30 novembre", "2022-11-02", "2022-11-30", ref: "2023-03-01"),
        row("le 8 novembre", "2022-11-08", ref: "2022-05-10", span: "8 novembre"),
        row("8 mai", "2023-05-08", ref: "2022-11-08"),
        row("du 2 au vendredi 6 janvier", "2023-01-02", "2023-01-06", ref: "2022-11-20", mismatch: false),
        row("Nov 28 - Dec 2", "2022-11-28", "2022-12-02", lang: .en, ref: "2022-11-30"),
    ]

    static let daylightSaving: [DateCase] = [
        row("le 27 mars 2022 à 2h30", "2022-03-27T03:30:00+02:00", span: "27 mars 2022 à 2h30"),
        row("le 27 mars 2022 à 1h30", "2022-03-27T01:30:00+01:00", span: "27 mars 2022 à 1h30"),
        row("le 27 mars 2022 à 3h30", "2022-03-27T03:30:00+02:00", span: "27 mars 2022 à 3h30"),
        row("le 26 mars 2022 à 14h", "2022-03-26T14:00:00+01:00", span: "26 mars 2022 à 14h"),
        row("le 27 mars 2022 à 14h", "2022-03-27T14:00:00+02:00", span: "27 mars 2022 à 14h"),
        row("le 30 octobre 2022 à 2h30", "2022-10-30T02:30:00+02:00", span: "30 octobre 2022 à 2h30"),
        row("le 30 octobre 2022 à 1h30", "2022-10-30T01:30:00+02:00", span: "30 octobre 2022 à 1h30"),
        row("le 30 octobre 2022 à 3h30", "2022-10-30T03:30:00+01:00", span: "30 octobre 2022 à 3h30"),
        row("le 29 octobre 2022 à 14h", "2022-10-29T14:00:00+02:00", span: "29 octobre 2022 à 14h"),
        row("le 31 octobre 2022 à 14h", "2022-10-31T14:00:00+01:00", span: "31 octobre 2022 à 14h"),
        row("26 mars 2023 de 1h à 4h", "2023-03-26T01:00:00+01:00", "2023-03-26T04:00:00+02:00"),
        row("29 octobre 2023 de 1h à 4h", "2023-10-29T01:00:00+02:00", "2023-10-29T04:00:00+01:00"),
        row("March 26, 2023 at 2:30 am", "2023-03-26T03:30:00+02:00", lang: .en),
        row("2022-10-30T01:30:00Z", "2022-10-30T02:30:00+01:00"),
        row("2022-10-30T00:30:00Z", "2022-10-30T02:30:00+02:00"),
        row("8 novembre 2022 à 14h", "2022-11-08T14:00:00-05:00", zone: "America/New_York"),
        row("November 6, 2022 at 1:30 am", "2022-11-06T01:30:00-04:00", lang: .enUS, zone: "America/New_York"),
        row("du 29 au 31 octobre 2022, 10h-18h", "2022-10-29T10:00:00+02:00", "2022-10-31T18:00:00+01:00"),
    ]
}

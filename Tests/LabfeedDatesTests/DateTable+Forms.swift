// Table rows: the forms calendars, CMS widgets and feeds write (RFC 822 with its zone, The
// Events Calendar's "@", dashes between full dates) and a few more prose turns.

import LabfeedDates

enum FormRows {
    static let all: [DateCase] = [
        row("Wed, 09 Nov 2022 14:30:00 +0100", "2022-11-09T14:30:00+01:00", lang: .en, kind: .dateTime),
        row("Mon, 07 Nov 2022 09:00:00 GMT", "2022-11-07T10:00:00+01:00", lang: .en),
        row("Mon, 07 Nov 2022 23:30:00 GMT", "2022-11-08T00:30:00+01:00", lang: .en),
        row("Tue, 29 Nov 2022 2:00 pm – 3:30 pm CET", "2022-11-29T14:00:00+01:00", "2022-11-29T15:30:00+01:00", lang: .en),
        row("Nov 8, 2022 10:00 AM EST", "2022-11-08T16:00:00+01:00", lang: .en),
        row("8 novembre 2022 à 14h UTC+1", "2022-11-08T14:00:00+01:00"),
        row("le 14 juillet 1789, la Bastille", "1789-07-14", span: "14 juillet 1789", inferred: false),
        row("le 8 décembre prochain à 18h30", "2022-12-08T18:30:00+01:00", span: "8 décembre prochain à 18h30"),
        row("Semaine de l'innovation : 14 > 18 novembre 2022", "2022-11-14", "2022-11-18", span: "14 > 18 novembre 2022"),
        row("15 novembre 2022 @ 10:00 - 17 novembre 2022 @ 17:00", "2022-11-15T10:00:00+01:00",
            "2022-11-17T17:00:00+01:00", kind: .dateTimeRange),
        row("15 novembre 2022 @ 10 h 00 min - 12 h 00 min", "2022-11-15T10:00:00+01:00", "2022-11-15T12:00:00+01:00"),
        row("November 15, 2022 @ 10:00 am - 12:00 pm", "2022-11-15T10:00:00+01:00", "2022-11-15T12:00:00+01:00", lang: .en),
        row("Jeudi 10/11/2022 - 14h00", "2022-11-10T14:00:00+01:00"),
        row("08/11/2022 14:00", "2022-11-08T14:00:00+01:00"),
        row("From Monday 14 to Friday 18 November", "2022-11-14", "2022-11-18", lang: .en),
        row("14th-18th November 2022", "2022-11-14", "2022-11-18", lang: .en),
        row("Nov. 14 through 18", "2022-11-14", "2022-11-18", lang: .en),
        row("10-11:30am on Nov 8", "2022-11-08T10:00:00+01:00", "2022-11-08T11:30:00+01:00", lang: .en),
        row("le 8 novembre, 2h de formation", "2022-11-08", span: "8 novembre", kind: .date),
        row("Webinaire : 22 novembre, 11h00 - 12h00 (heure de Paris)", "2022-11-22T11:00:00+01:00",
            "2022-11-22T12:00:00+01:00", span: "22 novembre, 11h00 - 12h00"),
        row("Le Lab'O vous donne rendez-vous le jeudi 17/11 à 10h pour une matinée", "2022-11-17T10:00:00+01:00",
            span: "jeudi 17/11 à 10h"),
        row("Hackathon du vendredi 18 novembre 18h au dimanche 20 novembre 16h.", "2022-11-18T18:00:00+01:00",
            "2022-11-20T16:00:00+01:00", span: "du vendredi 18 novembre 18h au dimanche 20 novembre 16h"),
        row("Prochaine session : 6 déc. • 9h30-12h30 • En ligne", "2022-12-06T09:30:00+01:00",
            "2022-12-06T12:30:00+01:00", span: "6 déc. • 9h30-12h30"),
        row("Join us on Nov. 15 from 10 a.m. to noon for a workshop.", "2022-11-15T10:00:00+01:00",
            "2022-11-15T12:00:00+01:00", lang: .en, span: "Nov. 15 from 10 a.m. to noon"),
        row("Registration closes October 31st at midnight.", "2022-10-31T00:00:00+01:00", lang: .en,
            span: "October 31st at midnight"),
        row("Event dates: 11/14/2022 - 11/18/2022", "2022-11-14", "2022-11-18", lang: .enUS,
            span: "11/14/2022 - 11/18/2022"),
        row("jusqu'au 10 novembre inclus", "2022-11-10", span: "jusqu'au 10 novembre"),
        row("Until 30 Nov.", "2022-11-30", lang: .en),
    ]
}

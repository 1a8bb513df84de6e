// PageMeta's calendar-link test on the link's own bytes (pageperf12) against the reference it
// skips for most links (`calendarLinkByLowercasing`: the link lower-cased, then tested): the same
// answer on hand-picked links (cases, accents, KELVIN SIGN, dotted I, combining marks, "?" and
// "webcal:" in odd places) and on random links built from those pieces (fixed seed, bounded).

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct CalendarLinkShortcutTests {
    private static let links = [
        "", "/agenda.ics", "/AGENDA.ICS", "/agenda.Ics?x=1", "/agenda.ics.html", "webcal://lab.example.fr/a.ics",
        "WebCal://lab.example.fr/a", "WEBCAL:x", " webcal:x", "https://x.fr/?ical=1", "https://x.fr/?outlook-ical=1",
        "https://x.fr/?ICAL=1", "https://x.fr/?ical=2", "https://x.fr/événement.ics", "https://x.fr/Événement.ICS",
        "https://x.fr/conf\u{E9}rence", "https://lab-rh\u{F4}ne.example.fr/e4218", "/a.\u{130}cs", "/a.\u{130}CS", "?\u{130}cal=1",
        "/a.ic\u{212A}s", "/outloo\u{212A}-ical=1", "/a.ics\u{301}", "/a.ics?\u{301}", "/a.\u{301}ics", "/a?b.ics", "/a.ics?b",
        "webcal:\u{301}//x", "\u{130}webcal:x", "/a.i\u{307}cs", "/a.ı cs", "/ΣΑ.ics", "/Straße.ICS", "https://x.fr/ﬁ.ics",
        "/a.ics\u{0}", "/a.\u{0}ics", "?ical=1\u{301}", "?ical=\u{301}1", "/x.iCs#frag", "mailto:a@b.fr", "#top", "javascript:void(0)",
    ]

    @Test(arguments: links)
    func handPickedLinksAsTheLowerCasedReference(_ href: String) {
        #expect(PageMeta.calendarLink(href) == PageMeta.calendarLinkByLowercasing(href))
        #expect(PageMeta.mayNameACalendar(href) == PageMeta.mayNameACalendarByScanning(href))
        if PageMeta.calendarLinkByLowercasing(href) != nil { #expect(PageMeta.mayNameACalendar(href)) }
    }

    /// The punctuation search at every offset and length: needles at the very start and end,
    /// cut short, with "." and "=" repeated.
    @Test func theNeedlesAreFoundAtEveryOffset() {
        let fillers = ["", "a", "..", "==", "x.", "=1", ".ic", "ical", "é", "ICAL=", "."]
        for needle in [".ics", ".ICS", "ical=1", "iCaL=1", "webcal:", ".ic", "ical=", "cal=1", ".i"] {
            for before in fillers {
                for after in fillers {
                    let href = before + needle + after
                    #expect(PageMeta.mayNameACalendar(href) == PageMeta.mayNameACalendarByScanning(href), "\(href)")
                }
            }
        }
    }

    @Test func theShortcutStillFindsCalendars() {
        #expect(PageMeta.calendarLink("/AGENDA.ICS") == "/AGENDA.ICS")
        #expect(PageMeta.calendarLink("WebCal://lab.example.fr/a") == "https://lab.example.fr/a")
        #expect(PageMeta.calendarLink("https://x.fr/?outlook-ical=1") == "https://x.fr/?outlook-ical=1")
        #expect(PageMeta.calendarLink("https://x.fr/conf\u{E9}rence") == nil)
    }

    @Test func randomLinksAsTheLowerCasedReference() {
        var generator = Xorshift64(seed: 0xCA1E_0DA2_1C50_0012)
        let pieces = [".ics", ".ICS", ".iCs", "ical=1", "ICAL=1", "webcal:", "WebCal:", "?", "/", "#", "=", "1", "a", "Z", "é", "É",
                      "\u{130}", "\u{212A}", "\u{301}", "\u{307}", "i", "I", "c", "s", ".", ":", "ß", "Σ", "ﬁ", "😀", " ", "k", "outlook-"]
        var found = 0
        for _ in 0..<4_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let href = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let reference = PageMeta.calendarLinkByLowercasing(href)
            #expect(PageMeta.calendarLink(href) == reference, "\(href.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(PageMeta.mayNameACalendar(href) == PageMeta.mayNameACalendarByScanning(href), "\(href)")
            if reference != nil { found += 1 }
        }
        #expect(found > 100)  // the random links reach the calendar branch, not only the early exit
    }

    /// The test on a link's raw bytes (pageperf22: untrimmed, before the repair of ill-formed
    /// UTF-8) against the String path it lets the page reader skip: whenever the trimmed,
    /// repaired link names a calendar (`calendarLink`), the bytes' test says it may. Random
    /// links from pieces with spaces (ASCII, no-break, ideographic) at either end and
    /// ill-formed bytes, plus every hand-picked link padded with spaces.
    @Test func theRawBytesTestNeverDropsACalendarLink() {
        var generator = Xorshift64(seed: 0xCA1E_0DA2_1C50_0022)
        let pieces: [[UInt8]] = [".ics", ".ICS", "ical=1", "ICAL=1", "webcal:", "WebCal:", "?", "/", ":", "=", "1", "a", "é", "\u{130}",
                                 "\u{212A}", "\u{301}", "i", "c", "s", ".", " ", "\t", "\n", "\u{A0}", "\u{3000}", "https:", "outlook-"].map { Array($0.utf8) }
            + [[0xE2], [0x80], [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
        var links: [[UInt8]] = Self.links.flatMap { [Array($0.utf8), Array("  \($0)".utf8), Array("\u{A0}\($0)\n".utf8)] }
        for _ in 0..<6_000 {
            let count = Int.random(in: 0...9, using: &generator)
            links.append((0..<count).flatMap { _ in pieces.randomElement(using: &generator)! })
        }
        var calendars = 0
        var dropped = 0
        for raw in links {
            let href = Whitespace.trim(String(decoding: raw, as: UTF8.self))
            let may = raw.withUnsafeBufferPointer { PageMeta.mayHoldACalendarLink($0) }
            if PageMeta.mayNameACalendar(href) || PageMeta.calendarLink(href) != nil {
                #expect(may, "\(raw)")
                calendars += 1
            }
            if !may { dropped += 1 }
        }
        #expect(calendars > 500)
        #expect(dropped > 500)  // the test drops links, not only keeps them
    }
}

// EventJSON against JSONEncoder: the same bytes, pretty and compact, for events that set every
// field, leave every optional nil, and carry escapes, non-ASCII text and awkward doubles.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct EventJSONTests {
    /// Every field set, with text that needs every kind of escape.
    static let full = Event(
        title: "Atelier \"data\" \\ slash/ tab\tnewline\nreturn\r bell\u{07} esc\u{1B} unit\u{1F} del\u{7F} é 🎉 \u{2028}",
        description: "Backspace\u{08} formfeed\u{0C} nul\u{00} fin", descriptionHTML: "<p>Un <b>atelier</b></p>",
        start: .time(LocalDateTime(date: CivilDate(iso: "2022-11-24")!, hour: 14, minute: 30, second: 5, utcOffset: 3600)),
        end: .day(CivilDate(iso: "2022-11-25")!), timeZone: "Europe/Paris",
        location: Location(name: "Tiers-lieu", address: "1 rue de la Paix", locality: "Limoges", postalCode: "87000",
                           region: "Nouvelle-Aquitaine", country: "FR", latitude: 45.8336, longitude: -1.0e-7),
        url: "https://lab.example/événement?a=1&b=2", organizer: Organizer(name: "Lab Ouvert", url: "https://lab.example/"),
        status: .movedOnline, previousStart: .day(CivilDate(iso: "2022-11-20")!), attendanceMode: .mixed,
        onlineURL: "https://visio.example/r", registration: Registration(url: "https://inscription.example", price: "15.00", currency: "EUR", free: false),
        keywords: ["innovation", "données", ""], image: "https://lab.example/a.png",
        superEvent: EventReference(title: "Mois de l'innovation publique", url: nil), language: "fr",
        alternates: [Alternate(language: "en", url: "https://lab.example/en"), Alternate(language: nil, url: "https://lab.example/x")],
        foundBy: .jsonLD, confidence: 0.85, sourceID: "uid-1@lab")

    /// Every optional nil, every collection empty.
    static let bare = Event(title: "", start: .day(CivilDate(iso: "2023-01-02")!), foundBy: .prose, confidence: 1)

    static func events() -> [Event] {
        var odd = full
        odd.confidence = 1e-5
        odd.location = Location(latitude: 1e21, longitude: 48)
        odd.organizer = Organizer()
        odd.registration = Registration(free: true)
        odd.superEvent = EventReference()
        odd.alternates = []
        return [full, bare, odd]
    }

    static func programmeEvents() -> [ProgrammeEvent] {
        let seen = UTCTimestamp.date("2022-10-01T08:00:00Z")!
        let refs = [EventSourceRef(source: "lab-a", url: "https://a.example/e", foundBy: .rss, itemID: nil, key: "k1",
                                   firstSeen: seen, lastSeen: seen.addingTimeInterval(86_400)),
                    EventSourceRef(source: "lab-b", url: nil, foundBy: .ics, itemID: "uid/2", key: "k\"2", firstSeen: seen, lastSeen: seen)]
        return [
            ProgrammeEvent(id: "ev-1", event: full, titles: ["fr": "Atelier", "en": "Workshop", "de-CH": "Werkstatt"], sources: refs,
                           region: "Bretagne", firstSeen: seen, lastSeen: seen, updated: seen.addingTimeInterval(3_661), past: true,
                           contentHash: "abc"),
            ProgrammeEvent(id: "ev-2", event: bare, sources: [], firstSeen: seen, lastSeen: seen, updated: seen),
        ]
    }

    static func written(_ event: Event, pretty: Bool) -> String {
        var out = JSONBytes(pretty: pretty)
        EventJSON.write(event, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func written(_ event: ProgrammeEvent, pretty: Bool) -> String {
        var out = JSONBytes(pretty: pretty)
        EventJSON.write(event, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test(arguments: [true, false])
    func eventsAreTheEncodersBytes(pretty: Bool) throws {
        for event in Self.events() {
            let expected = String(decoding: try LabfeedJSON.encoder(pretty: pretty).encode(event), as: UTF8.self)
            #expect(Self.written(event, pretty: pretty) == expected)
        }
    }

    @Test(arguments: [true, false])
    func programmeEventsAreTheEncodersBytes(pretty: Bool) throws {
        for event in Self.programmeEvents() {
            let expected = String(decoding: try LabfeedJSON.encoder(pretty: pretty).encode(event), as: UTF8.self)
            #expect(Self.written(event, pretty: pretty) == expected)
        }
    }

    @Test func theWriterIsReal() {
        // A changed field shows: the comparison above cannot pass on an empty or constant output.
        var other = Self.full
        other.title = "Autre"
        #expect(Self.written(other, pretty: false) != Self.written(Self.full, pretty: false))
        #expect(Self.written(Self.full, pretty: false).contains("\\u001b"))
        #expect(Self.written(Self.full, pretty: false).contains("slash/"))
    }

    @Test func theStoresJSONReadsBack() throws {
        for event in Self.events() {
            let json = try SQLiteStore.json(event)
            #expect(try JSONDecoder().decode(Event.self, from: Data(json.utf8)) == event)
        }
        for event in Self.programmeEvents() {
            let json = try SQLiteStore.json(event)
            #expect(try JSONDecoder().decode(ProgrammeEvent.self, from: Data(json.utf8)) == event)
        }
    }

    @Test func aNonFiniteDoubleGoesToTheEncoder() {
        var event = Self.full
        event.confidence = .nan
        #expect(!EventJSON.encodable(event))
        #expect(throws: (any Error).self) { try SQLiteStore.json(event) }
        event.confidence = 1
        event.location?.longitude = .infinity
        #expect(!EventJSON.encodable(event))
        #expect(EventJSON.encodable(Self.full))
    }

    @Test func theContentHashIsTheEncodedContentsHash() {
        let refs = Self.programmeEvents()[0].sources
        for event in Self.events() {
            for (titles, region) in [([String: String](), nil as String?), (["fr": "A", "en": "B"], "Occitanie")] {
                let cluster = MergedCluster(event: event, titles: titles, region: region, sources: refs, members: [])
                #expect(ProgrammeBuilder.contentHash(cluster) == ProgrammeBuilder.encodedContentHash(cluster))
            }
        }
        let a = MergedCluster(event: Self.full, titles: [:], region: nil, sources: refs, members: [])
        var b = a
        b.region = "Bretagne"
        #expect(ProgrammeBuilder.contentHash(a) != ProgrammeBuilder.contentHash(b))
    }

    @Test func programmeJSONWithEveryFieldEqualsOneEncoderPass() {
        let programme = Programme(updatedAt: UTCTimestamp.date("2022-10-20T10:00:00Z"), sources: [], events: Self.programmeEvents())
        #expect(ProgrammeJSONWriter.data(programme) == ProgrammeJSONWriter.wholeDocumentData(programme))
    }
}

/// The writers' hand-made formatting and escaping fast paths against what they replace.
struct RenderingFastPathTests {
    @Test func digitsAreWhatStringFormatWrites() {
        for value in [0, 5, 9, 10, 59, 99, 100, 999, 2022, 12345, -1, -42, -2022] {
            for width in [2, 4] {
                var out = ""
                ICSWriter.digits(value, width, to: &out)
                #expect(out == String(format: "%0\(width)d", value))
            }
        }
        let t = LocalDateTime(date: CivilDate(iso: "2031-07-05")!, hour: 9, minute: 5, second: 7, utcOffset: 0)
        var lines = ICSLines()
        lines.basic(t.date)
        lines.clock(t)
        #expect(String(decoding: lines.bytes, as: UTF8.self) == "20310705T090507")
        #expect(FrenchDates.clock(t) == "09h05")
        lines.removeAll()
        lines.utc(t.instant)
        #expect(String(decoding: lines.bytes, as: UTF8.self) == "20310705T090507Z")
    }

    @Test func plainTextIsReturnedAsItIsAndTheRestEscaped() {
        #expect(MarkupEscaping.escape("Atelier à Limoges – 14h") == "Atelier à Limoges – 14h")
        #expect(MarkupEscaping.escape("a<b & \"c\" 'd'>\r\u{01}\t\n\u{FFFE}\u{FFFF}ﬁ") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;\t\nﬁ")
        #expect(ICSWriter.text("Atelier à Limoges") == "Atelier à Limoges")
        #expect(ICSWriter.text("a;b,c\\d\ne\r\u{7F}f") == "a\\;b\\,c\\\\d\\nef")
        let long = String(repeating: "é", count: 50) + "🎉" + String(repeating: "a", count: 80)
        let folded = ICSWriter.fold(long)
        #expect(folded.components(separatedBy: "\r\n ").joined() == long)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }
}

/// TextFolding.clean's "already clean" check against its scalar-by-scalar path.
struct CleanFastPathTests {
    @Test func theCheckAgreesWithTheFullCleaning() {
        let spaces: [Unicode.Scalar] = ["\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}",
                                        "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
        let dropped: [Unicode.Scalar] = ["\u{00}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{FEFF}", "\u{FFFD}"]
        var samples = ["Atelier à Limoges", "Séminaire « données » – 14h 🎉", "a", "", " ", "a  b", " a", "a ", "ﬁ œ Ω"]
        for s in spaces + dropped {
            samples += ["a\(s)b", "\(s)a", "a\(s)", "a \(s)b"]
        }
        for text in samples {
            let fast = TextFolding.clean(text)
            #expect(fast == TextFolding.cleaned(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextFolding.isClean(text) == (TextFolding.cleaned(text) == text))
        }
        #expect(TextFolding.isClean("Atelier à Limoges"))
        #expect(!TextFolding.isClean("Atelier\u{A0}à Limoges"))
    }

    /// `TextFolding.isClean` as it was: scalar by scalar.
    static func scalarIsClean(_ text: String) -> Bool {
        var afterSpace = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x20 {
                if afterSpace { return false }
                afterSpace = true
                continue
            }
            afterSpace = false
            if v < 0x20 { return false }
            if v < 0x7F { continue }
            if v <= 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200B) || v == 0x2028 || v == 0x2029 || v == 0x202F
                || v == 0x205F || v == 0x3000 || v == 0xFEFF || v == 0xFFFD { return false }
        }
        return !afterSpace
    }

    @Test func theByteCheckAgreesWithTheScalarCheck() {
        var texts: [String] = []
        for v in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(scalar)
            texts += [s, "a\(s)b", " \(s)", "\(s) ", "é\(s)"]
        }
        let palette = ["a", " ", "  ", "é", "\u{A0}", "\u{85}", "\u{7F}", "\u{1F}", "\n", "\u{1680}", "\u{167F}", "\u{2000}",
                       "\u{200B}", "\u{200C}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{FFFD}",
                       "\u{FFFE}", "🎉", "\u{10FFFD}", "中", "ﬁ", "Z"]
        var random = Xorshift64(seed: 0xC1EA)
        for _ in 0..<20_000 {
            texts.append((0..<random.next(10)).map { _ in palette[random.next(palette.count)] }.joined())
        }
        for text in texts {
            #expect(TextFolding.isClean(text) == Self.scalarIsClean(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

/// programme.json's sources written by JSONBytes against one encoder pass over the document.
struct ProgrammeJSONSourcesTests {
    static func randomSources(_ count: Int, seed: UInt64) -> [SourceHealth] {
        var random = Xorshift64(seed: seed)
        let texts = ["lab-a", "", "é\"\\\n\u{1}/🎉", "HTTP 503 Service Unavailable", "l'été", "\u{7F}\u{2028}"]
        let dates: [Date?] = [nil, Date(timeIntervalSince1970: 1_667_552_400), Date(timeIntervalSince1970: -62_135_596_801),
                              Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: 1_667_552_400.75)]
        let statuses: [SourceHealth.Status] = [.ok, .failing, .pending]
        return (0..<count).map { n in
            SourceHealth(id: "src-\(n)" + texts[random.next(texts.count)], name: random.next(3) == 0 ? nil : texts[random.next(texts.count)],
                         status: statuses[random.next(3)], events: [0, 1, 42, -3, Int.max][random.next(5)],
                         lastChange: dates[random.next(dates.count)], lastError: random.next(2) == 0 ? nil : texts[random.next(texts.count)],
                         failingSince: dates[random.next(dates.count)], consecutiveFailures: random.next(4))
        }
    }

    @Test(arguments: [0, 1, 7, 300])
    func theSourcesAreTheEncodersBytes(count: Int) {
        let sources = Self.randomSources(count, seed: UInt64(count) + 5)
        for updatedAt in [nil, Date(timeIntervalSince1970: 1_667_552_400), Date(timeIntervalSince1970: 253_402_300_800)] {
            for events in [[], Array(EventJSONTests.programmeEvents().prefix(2))] {
                let programme = Programme(updatedAt: updatedAt, sources: sources, events: events)
                #expect(ProgrammeJSONWriter.data(programme) == ProgrammeJSONWriter.wholeDocumentData(programme))
            }
        }
    }
}

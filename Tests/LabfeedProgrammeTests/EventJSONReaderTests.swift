// EventJSONReader against JSONDecoder: the same event, or the same error, for the JSON the store
// writes (every field, none, escapes, odd doubles), random events, hand-written variants (key
// order, white space, unknown keys, escapes) and broken documents.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct EventJSONReaderTests {
    /// Both decoders on `json`: equal events (doubles compared bit for bit), or equal errors.
    static func expectSameAsJSONDecoder(_ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = Result { try JSONDecoder().decode(Event.self, from: Data(json.utf8)) }
        let got = Result { try EventJSONReader.event(json) }
        switch (expected, got) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(json)", sourceLocation: sourceLocation)
            #expect(a.confidence.bitPattern == b.confidence.bitPattern, sourceLocation: sourceLocation)
            #expect(a.location?.latitude?.bitPattern == b.location?.latitude?.bitPattern, sourceLocation: sourceLocation)
            #expect(a.location?.longitude?.bitPattern == b.location?.longitude?.bitPattern, sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
        default:
            Issue.record("JSONDecoder: \(expected), reader: \(got), for \(json)", sourceLocation: sourceLocation)
        }
    }

    @Test func theStoresJSONReadsBackAsJSONDecoderReadsIt() throws {
        for event in EventJSONTests.events() {
            let json = try SQLiteStore.json(event)
            #expect(EventJSONReader.fastEvent(json) == event)  // the fast path, not the fallback
            Self.expectSameAsJSONDecoder(json)
            Self.expectSameAsJSONDecoder(EventJSONTests.written(event, pretty: true))
        }
    }

    @Test func randomEventsReadBackAsJSONDecoderReadsThem() throws {
        var random = Xorshift64(seed: 0x5EED_2026)
        for _ in 0..<400 {
            let event = Self.randomEvent(&random)
            let json = try SQLiteStore.json(event)
            #expect(EventJSONReader.fastEvent(json) == event, "\(json)")
            Self.expectSameAsJSONDecoder(json)
        }
    }

    @Test func unknownKeysOrderSpaceAndEscapesAreReadAsJSONDecoderReadsThem() {
        let variants = [
            // Unknown keys of every type, at the top and inside nested objects; all_day contradicting start.
            #"{"zz":[1,{"a":[true,false,null]},-0.5e+3],"title":"T","start":"2024-03-01","found_by":"rss","all_day":"no","extra":{}}"#,
            #"{"title":"T","start":"2024-03-01T10:00:00+01:00","found_by":"ics","location":{"name":"L","x":[],"latitude":4.5E2},"organizer":{"y":1},"registration":{"free":null,"z":"?"},"super_event":{},"alternates":[{"url":"u","w":0}]}"#,
            // Another key order, white space everywhere, escaped keys and values.
            " \n{ \"found_by\" : \"json-ld\" ,\t\"start\":\"2024-03-01\",\r\n \"ti\\u0074le\" : \"a\\/b \\u00e9 \\ud83c\\udf89 \\\" \\\\ \\b\\f\\n\\r\\t\\u0000\" } \n",
            // Missing optional keys, nulls where defaults apply.
            #"{"title":"T","start":"2024-03-01","found_by":"prose","status":null,"keywords":null,"alternates":null,"confidence":null}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"prose","confidence":1,"keywords":[],"location":{"longitude":-0,"latitude":12345678901234567890}}"#,
            #"{}"#,
            // Broken: each must fail with JSONDecoder's error.
            #"{"title":null,"start":"2024-03-01","found_by":"rss"}"#,
            #"{"title":"T","start":"2024-13-01","found_by":"rss"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"telepathy"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","status":"maybe"}"#,
            #"{"title":5,"start":"2024-03-01","found_by":"rss"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","keywords":["a",null]}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","confidence":"high"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","alternates":[{"language":"en"}]}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","location":"Limoges"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss"} x"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","u":01}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","u":[1,]}"#,
            #"{"title":"\ud800","start":"2024-03-01","found_by":"rss"}"#,
            #"{"title":"T","start":"2024-03-01","found_by":"rss","confidence":1e999}"#,
            "{\"title\":\"a\tb\",\"start\":\"2024-03-01\",\"found_by\":\"rss\"}",
            // A duplicate key: whatever JSONDecoder decides.
            #"{"title":"A","title":"B","start":"2024-03-01","found_by":"rss"}"#,
            "",
            "[]",
        ]
        for json in variants { Self.expectSameAsJSONDecoder(json) }
    }

    /// Every line of a file of stored `event_json` values (`sqlite3 state.sqlite "SELECT
    /// event_json FROM source_event" > FILE`), when LABFEED_EVENT_JSON_LINES names one.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LABFEED_EVENT_JSON_LINES"] != nil))
    func everyEventOfAStoreDumpReadsAsJSONDecoderReadsIt() throws {
        let path = try #require(ProcessInfo.processInfo.environment["LABFEED_EVENT_JSON_LINES"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines.prefix(100_000) {
            let json = String(line)
            #expect(EventJSONReader.fastEvent(json) != nil)
            Self.expectSameAsJSONDecoder(json)
        }
    }

    // MARK: Random events

    static func randomEvent(_ r: inout Xorshift64) -> Event {
        func text() -> String {
            let pieces = ["a", "É", "🎉", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", " ", "l'été", "\u{2028}", "\u{0}", "中"]
            return (0..<r.next(8)).map { _ in pieces[r.next(pieces.count)] }.joined()
        }
        func maybe<T>(_ make: () -> T) -> T? { r.next(3) == 0 ? nil : make() }
        func double() -> Double {
            switch r.next(4) {
            case 0: Double(r.next(200)) - 100
            case 1: Double(bitPattern: r.next() & 0x7FEF_FFFF_FFFF_FFFF) * (r.next(2) == 0 ? 1 : -1)
            case 2: Double(r.next(1_000_000)) / 1e6
            default: [0, -0.0, 1e21, 1e-7, .leastNonzeroMagnitude, .greatestFiniteMagnitude][r.next(6)]
            }
        }
        func time() -> EventTime {
            let day = CivilDate(dayNumber: 19_000 + r.next(2_000))
            if r.next(2) == 0 { return .day(day) }
            return .time(LocalDateTime(date: day, hour: r.next(24), minute: r.next(60), second: r.next(60),
                                       utcOffset: (r.next(29) - 14) * 3600))
        }
        return Event(
            title: text(), description: maybe(text), descriptionHTML: maybe(text), start: time(), end: maybe(time),
            timeZone: maybe(text),
            location: maybe { Location(name: maybe(text), address: maybe(text), locality: maybe(text), postalCode: maybe(text),
                                       region: maybe(text), country: maybe(text), latitude: maybe(double), longitude: maybe(double)) },
            url: maybe(text), organizer: maybe { Organizer(name: maybe(text), url: maybe(text)) },
            status: EventStatus.allCases[r.next(EventStatus.allCases.count)], previousStart: maybe(time),
            attendanceMode: maybe { [AttendanceMode.offline, .online, .mixed][r.next(3)] }, onlineURL: maybe(text),
            registration: maybe { Registration(url: maybe(text), price: maybe(text), currency: maybe(text), free: maybe { r.next(2) == 0 }) },
            keywords: (0..<r.next(4)).map { _ in text() }, image: maybe(text),
            superEvent: maybe { EventReference(title: maybe(text), url: maybe(text)) }, language: maybe(text),
            alternates: (0..<r.next(3)).map { _ in Alternate(language: maybe(text), url: text()) },
            foundBy: FoundBy.allCases[r.next(FoundBy.allCases.count)], confidence: double(), sourceID: maybe(text))
    }
}

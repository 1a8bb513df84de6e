// EventJSONReader.programmeEvent against JSONDecoder: the same programme event, or the same
// error, for the store's programme_event JSON (every field, none, random events), hand-written
// variants and broken documents.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct ProgrammeEventJSONReaderTests {
    /// Both decoders on `json`: equal programme events, or equal errors.
    static func expectSameAsJSONDecoder(_ json: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = Result { try JSONDecoder().decode(ProgrammeEvent.self, from: Data(json.utf8)) }
        let got = Result { try EventJSONReader.programmeEvent(json) }
        switch (expected, got) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(json)", sourceLocation: sourceLocation)
            #expect(a.event.confidence.bitPattern == b.event.confidence.bitPattern, sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
        default:
            Issue.record("JSONDecoder: \(expected), reader: \(got), for \(json)", sourceLocation: sourceLocation)
        }
    }

    @Test func theStoresProgrammeJSONReadsBackAsJSONDecoderReadsIt() throws {
        for event in EventJSONTests.programmeEvents() {
            let json = try SQLiteStore.json(event)
            #expect(EventJSONReader.fastProgrammeEvent(json) == event)  // the fast path, not the fallback
            Self.expectSameAsJSONDecoder(json)
            Self.expectSameAsJSONDecoder(EventJSONTests.written(event, pretty: true))
        }
    }

    @Test func randomProgrammeEventsReadBackAsJSONDecoderReadsThem() throws {
        var random = Xorshift64(seed: 0x9E0_2026)
        let seen = UTCTimestamp.date("2022-10-01T08:00:00Z")!
        let texts = ["a", "É", "🎉", "\"", "\\", "\n", "\u{0}", "l'été", ""]
        for n in 0..<300 {
            let event = EventJSONReaderTests.randomEvent(&random)
            func text() -> String { texts[random.next(texts.count)] + texts[random.next(texts.count)] }
            func date() -> Date { seen.addingTimeInterval(Double(random.next(400 * 86_400))) }
            let refs = (0..<random.next(4)).map { _ in
                EventSourceRef(source: text(), url: random.next(2) == 0 ? nil : text(), foundBy: FoundBy.allCases[random.next(FoundBy.allCases.count)],
                               itemID: random.next(2) == 0 ? nil : text(), key: text(), firstSeen: date(), lastSeen: date())
            }
            var titles: [String: String] = [:]
            for _ in 0..<random.next(3) { titles[text()] = text() }
            let programme = ProgrammeEvent(id: "ev-\(n)", event: event, titles: titles, sources: refs,
                                           region: random.next(2) == 0 ? nil : text(), firstSeen: date(), lastSeen: date(),
                                           updated: date(), past: random.next(2) == 0, contentHash: text())
            let json = try SQLiteStore.json(programme)
            #expect(EventJSONReader.fastProgrammeEvent(json) == programme, "\(json)")
            Self.expectSameAsJSONDecoder(json)
        }
    }

    @Test func variantsAndBrokenDocumentsReadAsJSONDecoderReadsThem() {
        let base = #""title":"T","start":"2024-03-01","found_by":"rss""#
        let refs = #""sources":[{"source":"a","key":"k","found_by":"ics","first_seen":"2022-10-01T08:00:00Z","last_seen":"2022-10-01T08:00:00Z"}]"#
        let times = #""first_seen":"2022-10-01T08:00:00Z","last_seen":"2022-10-02T08:00:00Z","updated":"2022-10-03T08:00:00Z""#
        let variants = [
            // Optional keys missing or null, another key order, unknown keys, white space.
            "{\(base),\"id\":\"x\",\(refs),\(times)}",
            "{\(times),\(refs),\"id\":\"x\",\(base),\"titles\":null,\"region\":null,\"past\":null,\"content_hash\":null,\"zz\":[1]}",
            " {\n\(base) , \"id\" : \"x\" ,\t\(refs),\(times),\"titles\":{\"fr\":\"A\",\"en\":\"B\"},\"past\":true} ",
            #"{"title":"T","start":"2024-03-01","found_by":"rss","id":"x","sources":[{"source":"a","key":"k","found_by":"ics","first_seen":"2022-10-01T08:00:00Z","last_seen":"2022-10-01T08:00:00Z","url":null,"item_id":"i","extra":{}}],"first_seen":"2022-10-01T08:00:00Z","last_seen":"2022-10-01T08:00:00Z","updated":"2022-10-01T08:00:00Z"}"#,
            // Broken: each must fail with JSONDecoder's error.
            "{\(base),\(refs),\(times)}",  // no id
            "{\(base),\"id\":\"x\",\(times)}",  // no sources
            "{\(base),\"id\":\"x\",\"sources\":null,\(times)}",
            "{\(base),\"id\":\"x\",\(refs),\"first_seen\":\"2022-10-01T08:00:00Z\",\"last_seen\":\"2022-10-02T08:00:00Z\"}",  // no updated
            "{\(base),\"id\":\"x\",\(refs),\(times),\"updated\":\"yesterday\"}",
            "{\(base),\"id\":\"x\",\(refs),\"first_seen\":\"2022-10-01\",\"last_seen\":\"2022-10-02T08:00:00Z\",\"updated\":\"2022-10-03T08:00:00Z\"}",
            "{\(base),\"id\":null,\(refs),\(times)}",
            "{\(base),\"id\":\"x\",\(refs),\(times),\"titles\":{\"fr\":null}}",
            "{\(base),\"id\":\"x\",\(refs),\(times),\"titles\":{\"fr\":\"A\",\"fr\":\"B\"}}",
            "{\(base),\"id\":\"x\",\(refs),\(times),\"past\":\"yes\"}",
            "{\(base),\"id\":\"x\",\(refs),\(times),\"id\":\"y\"}",
            "{\(base),\"id\":\"x\",\"sources\":[{\"source\":\"a\",\"found_by\":\"ics\",\"first_seen\":\"2022-10-01T08:00:00Z\",\"last_seen\":\"2022-10-01T08:00:00Z\"}],\(times)}",
            "{\(base),\"id\":\"x\",\"sources\":[{\"source\":\"a\",\"key\":\"k\",\"found_by\":\"fax\",\"first_seen\":\"2022-10-01T08:00:00Z\",\"last_seen\":\"2022-10-01T08:00:00Z\"}],\(times)}",
            "{\(base),\"id\":\"x\",\(refs),\(times)} x",
            "{\"id\":\"x\",\(refs),\(times)}",  // no title
            "",
        ]
        for json in variants { Self.expectSameAsJSONDecoder(json) }
        #expect(EventJSONReader.fastProgrammeEvent(variants[1]) != nil)
    }

    @Test func theSQLiteStoreReadsTheSavedProgrammeBack() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labfeed-pe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("state.sqlite").path)
        var random = Xorshift64(seed: 77)
        let seen = UTCTimestamp.date("2022-10-01T08:00:00Z")!
        // Enough events for three batches (SQLiteStore.encodeBatch), each decoded on several threads.
        let events = (0..<1_100).map { n in
            ProgrammeEvent(id: String(format: "ev-%04d", n), event: EventJSONReaderTests.randomEvent(&random),
                           sources: [EventSourceRef(source: "s", url: nil, foundBy: .rss, itemID: nil, key: "k\(n)", firstSeen: seen, lastSeen: seen)],
                           firstSeen: seen, lastSeen: seen, updated: seen, contentHash: "h\(n)")
        }.filter { EventJSON.encodable($0.event) }
        try await store.saveProgramme(SavedProgramme(events: events, updatedAt: seen))
        let saved = try await store.savedProgramme()
        let order = events.sorted { ($0.startDay.iso, $0.id) < ($1.startDay.iso, $1.id) }
        #expect(saved.events == order)
        #expect(saved.updatedAt == seen)
    }
}

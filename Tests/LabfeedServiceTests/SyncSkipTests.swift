import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// A sync whose inputs have not moved since the programme was written leaves the programme and
/// its files alone without rebuilding or rendering (the stamp's `builtAt` stays that of the
/// last real build); anything that changes the outputs still renders.
struct SyncSkipTests {
    let now = Date(timeIntervalSince1970: 1_667_548_800)  // 2022-11-04T08:00:00Z
    let output = TemporaryDirectory()
    let feed = "https://a.example/feed"

    func config(keepPast: KeepPast = .forever) -> LabfeedConfig {
        var settings = Settings()
        settings.output = output.path
        settings.keepPast = keepPast
        return LabfeedConfig(settings: settings, sources: [SourceConfig(id: "a", url: .web(URL(string: feed)!))])
    }

    /// A store with one build at `now` and a fetcher that now answers 304.
    func built(_ body: String = "Un|2022-11-08\nDeux|2022-11-09") async throws -> (MemoryStore, StubFetcher) {
        let store = MemoryStore()
        let fetcher = StubFetcher([feed: .body(body, etag: "\"v1\"")])
        _ = try await SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse).run(.all, now: now)
        fetcher.set(feed, .notModified)
        return (store, fetcher)
    }

    func builtAt(_ store: any ProgrammeStore) async throws -> Date? { try await store.programmeStamp()?.builtAt }

    @Test func aResyncWithNothingChangedRendersNothing() async throws {
        let (store, fetcher) = try await built()
        #expect(try await builtAt(store) == now)
        let report = try await SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
            .run(.all, now: now.addingTimeInterval(3600))
        #expect(try await builtAt(store) == now, "not rebuilt")
        #expect(report.unchanged.map(\.id) == ["a"] && report.rebuilt)
        #expect(report.eventsTotal == 2 && report.eventsNew == 0)
        #expect(Set(report.outputs.keys) == Set(OutputDirectory.fileNames()))
        #expect(report.outputs.values.allSatisfy { $0 == .unchanged })
    }

    @Test func newEventsRebuild() async throws {
        let (store, fetcher) = try await built()
        fetcher.set(feed, .body("Un|2022-11-08\nTrois|2022-11-10"))
        let report = try await SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
            .run(.all, now: now.addingTimeInterval(3600))
        #expect(try await builtAt(store) == now.addingTimeInterval(3600))
        #expect(report.eventsNew == 1 && report.eventsRemoved == 1 && report.outputs["programme.json"] == .written)
    }

    @Test func aSettingThatChangesTheOutputsRenders() async throws {
        let (store, fetcher) = try await built()
        let titled = SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse,
                                  renderOptions: RenderOptions(title: "Agenda des labs"))
        let report = try await titled.run(.all, now: now.addingTimeInterval(60))
        #expect(report.outputs["index.html"] == .written)
        #expect(try String(contentsOfFile: "\(output.path)/index.html", encoding: .utf8).contains("Agenda des labs"))

        let keep = SyncPipeline(config: config(keepPast: .duration(.seconds(86_400))), store: store, fetcher: fetcher, parse: stubParse,
                                renderOptions: RenderOptions(title: "Agenda des labs"))
        _ = try await keep.run(.all, now: now.addingTimeInterval(120))
        #expect(try await builtAt(store) == now.addingTimeInterval(120), "keep_past is an input")
    }

    @Test func aFailingSourceRebuildsForItsHealth() async throws {
        let (store, fetcher) = try await built()
        fetcher.set(feed, .failure(.connect, "connection refused"))
        let report = try await SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
            .run(.all, now: now.addingTimeInterval(60))
        #expect(report.outputs["programme.json"] == .written)
        let json = try String(contentsOfFile: "\(output.path)/programme.json", encoding: .utf8)
        #expect(json.contains("connection refused"))
    }

    @Test func aDeletedOrEditedOutputIsWrittenAgain() async throws {
        let (store, fetcher) = try await built()
        let pipeline = SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
        try FileManager.default.removeItem(atPath: "\(output.path)/programme.csv")
        let report = try await pipeline.run(.all, now: now.addingTimeInterval(60))
        #expect(report.outputs["programme.csv"] == .written)
        #expect(FileManager.default.fileExists(atPath: "\(output.path)/programme.csv"))

        try Data("edited\n".utf8).write(to: URL(fileURLWithPath: "\(output.path)/programme.ics"))
        let again = try await pipeline.run(.all, now: now.addingTimeInterval(120))
        #expect(again.outputs["programme.ics"] == .written)
    }

    @Test func anEventThatEndsLaterTheSameDayTurnsPast() async throws {
        // An all-day event of 4 November ends at midnight in Paris: 23:00 UTC, the same UTC day.
        let (store, fetcher) = try await built("Aujourd’hui|2022-11-04")
        let pipeline = SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        #expect(try await builtAt(store) == now, "still upcoming: nothing to do")
        let late = Date(timeIntervalSince1970: 1_667_602_800 + 1800)  // 2022-11-04T23:30:00Z
        _ = try await pipeline.run(.all, now: late)
        #expect(try await builtAt(store) == late)
        #expect(await store.savedProgramme().events.first?.past == true)
    }

    @Test func aNewDayRebuilds() async throws {
        let (store, fetcher) = try await built()
        let tomorrow = now.addingTimeInterval(86_400)
        _ = try await SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse).run(.all, now: tomorrow)
        #expect(try await builtAt(store) == tomorrow)
        // Confirmed on 5 November: `last_seen` moves to that day.
        #expect(await store.savedProgramme().events.allSatisfy { $0.lastSeen == Date(timeIntervalSince1970: 1_667_606_400) })
    }
}
